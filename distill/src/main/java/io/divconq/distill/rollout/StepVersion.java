package io.divconq.distill.rollout;

import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which results are a rollout step's evidence: those the decomposer assigned under the step's weights, i.e. at the
 * weight version the step's change was accepted at, or later. Problems assigned before (still in flight when the
 * weights changed) carry an older version and are not the step's.
 */
final class StepVersion {

    private StepVersion() {
    }

    /**
     * The weight version at which the controller's change for {@code arm}, sent at {@code sentAtMs}, was accepted:
     * the scorer lists accepted changes oldest first (the last hundred), the last of them at the result's version,
     * each one a version after the one before.
     */
    static OptionalLong accepted(ExperimentResult result, String arm, long sentAtMs) {
        List<ExperimentControl> changes = result.getWeightChanges();
        for (int i = changes.size() - 1; i >= 0; i--) {
            ExperimentControl c = changes.get(i);
            if (RolloutCommand.CONTROLLER_SOURCE.equals(c.getSource()) && c.getAtMs() == sentAtMs && c.getWeights().containsKey(arm)) {
                return OptionalLong.of(result.getWeightVersion() - (changes.size() - 1 - i));
            }
        }
        return OptionalLong.empty();
    }

    /** The arm's results (one per problem accounted for) assigned at {@code version} or later. */
    static long resultsSince(ExperimentResult result, String arm, long version) {
        return result.getArms().stream().filter(a -> a.getArm().equals(arm)).findFirst()
                .map(a -> since(a.getStats(), version)).orElse(0L);
    }

    private static long since(ArmStats stats, long version) {
        long n = 0;
        for (Map.Entry<String, Long> e : stats.getAssignedByVersion().entrySet()) {
            if (Long.parseLong(e.getKey()) >= version) n += e.getValue();
        }
        return n;
    }
}
