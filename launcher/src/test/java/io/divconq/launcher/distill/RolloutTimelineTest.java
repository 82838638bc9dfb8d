package io.divconq.launcher.distill;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutTimelineTest {

    @Test
    void printsRolloutDecisionsCommandsAndGuardrailsButNotOtherWeightChanges() {
        ExperimentResult r = ExperimentResult.newBuilder().setExperiment("e").setControl("teacher").setUpdatedAtMs(0).setAlpha(0.05)
                .setEquivalenceMargin(0.02).setWeights(Map.of()).setArms(List.of()).setComparisons(List.of())
                .setWeightChanges(List.of(change("user", 0.0, "ramp down", 500), change("rollout", 1.0, "starts at 1%", 1_000),
                        change("rollout:pause:student", null, "look", 2_500), change("guardrail", 0.0, "guardrail accuracy_drop", 4_000)))
                .build();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        RolloutTimeline.print(r, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("""

                rollout timeline:
                  +   0.0 s  rollout    {student=1.0}                starts at 1%
                  +   1.5 s  rollout:pause:student {}                           look
                  +   3.0 s  guardrail  {student=0.0}                guardrail accuracy_drop
                """);
    }

    private static ExperimentControl change(String source, Double weight, String reason, long at) {
        return ExperimentControl.newBuilder().setExperiment("e").setWeights(weight == null ? Map.of() : Map.of("student", weight))
                .setReason(reason).setSource(source).setAtMs(at).build();
    }
}
