package io.divconq.common.weights;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.ExperimentConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightChangesTest {

    private final ExperimentConfig experiment = new ExperimentConfig("exp", "salt", "id", "teacher",
            List.of(new ArmConfig("teacher", 50, null, "m-t", null, null), new ArmConfig("student", 50, null, "m-s", null, null)), null, null, null, 0, 0, null, 0);
    private final Weights initial = Weights.initial(experiment);

    private static ExperimentControl change(String experiment, Map<String, Double> weights) {
        return ExperimentControl.newBuilder().setExperiment(experiment).setWeights(weights).setReason("test")
                .setSource("user").setAtMs(1).build();
    }

    @Test
    void aValidChangeUpdatesTheListedArmsKeepsTheOthersAndBumpsTheVersion() {
        WeightDecision d = WeightChanges.apply(experiment, initial, change("exp", Map.of("student", 10.0)));

        assertThat(d).isEqualTo(new WeightDecision.Accepted(new Weights(1, Map.of("teacher", 50.0, "student", 10.0))));
        assertThat(((WeightDecision.Accepted) d).weights().byArm()).containsExactly(
                Map.entry("teacher", 50.0), Map.entry("student", 10.0));
    }

    @Test
    void aChangeLeavingNoTrafficIsRejected() {
        assertThat(WeightChanges.apply(experiment, initial, change("exp", Map.of("teacher", 0.0, "student", 0.0))))
                .isEqualTo(new WeightDecision.Rejected(
                        "the change would leave no arm with traffic: {teacher=0.0, student=0.0}"));
    }

    @Test
    void unknownArmsBadNumbersAndEmptyChangesAreRejected() {
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("student", null);

        assertThat(WeightChanges.apply(experiment, initial, change("exp", Map.of("pupil", 1.0))))
                .isEqualTo(new WeightDecision.Rejected("experiment 'exp' has no arm 'pupil' (arms: [teacher, student])"));
        assertThat(WeightChanges.apply(experiment, initial, change("exp", Map.of("student", -1.0))))
                .isEqualTo(new WeightDecision.Rejected("the weight of 'student' must be a finite number >= 0, was -1.0"));
        assertThat(WeightChanges.apply(experiment, initial, change("exp", Map.of("student", Double.NaN))))
                .isInstanceOf(WeightDecision.Rejected.class);
        assertThat(WeightChanges.apply(experiment, initial, change("exp", withNull)))
                .isInstanceOf(WeightDecision.Rejected.class);
        assertThat(WeightChanges.apply(experiment, initial, change("exp", Map.of())))
                .isEqualTo(new WeightDecision.Rejected("the change sets no weight"));
    }

    @Test
    void replayingTheHistoryAppliesTheAcceptedChangesInOrderAndSkipsTheRest() {
        Weights w = WeightChanges.replay(experiment, List.of(
                change("exp", Map.of("student", 10.0)),
                change("exp", Map.of("teacher", 0.0, "student", 0.0)),
                change("other", Map.of("student", 99.0)),
                change("exp", Map.of("teacher", 30.0))));

        assertThat(w).isEqualTo(new Weights(2, Map.of("teacher", 30.0, "student", 10.0)));
    }

    @Test
    void aChangeForAnotherExperimentIsNotThisOnesBusiness() {
        assertThat(WeightChanges.apply(experiment, initial, change("other", Map.of("student", 1.0))))
                .isEqualTo(new WeightDecision.OtherExperiment());
    }
}
