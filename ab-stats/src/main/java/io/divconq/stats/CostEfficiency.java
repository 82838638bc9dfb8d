package io.divconq.stats;

/** Point estimates that combine metrics. */
public final class CostEfficiency {

    private CostEfficiency() {
    }

    /**
     * Dollars per correct answer, {@code mean(cost) / mean(correctness)}: the ratio of means, so cost
     * may include unlabelled problems while correctness covers only labelled ones. Infinite when no
     * answer is correct yet, NaN when either arm is empty. A point estimate without an interval.
     */
    public static double dollarsPerCorrect(RunningMoments costUsd, RunningMoments correctness) {
        if (costUsd.n() == 0 || correctness.n() == 0) {
            return Double.NaN;
        }
        double accuracy = correctness.mean();
        return accuracy <= 0 ? Double.POSITIVE_INFINITY : costUsd.mean() / accuracy;
    }
}
