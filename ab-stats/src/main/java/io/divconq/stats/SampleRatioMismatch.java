package io.divconq.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Sample ratio mismatch: a chi-square goodness-of-fit test of the observed per-arm counts against the
 * configured traffic weights. A mismatch means assignment or logging is broken and the comparison
 * should not be trusted.
 */
public final class SampleRatioMismatch {

    /** Conventional threshold: flag when p &lt; 0.001. */
    public static final double DEFAULT_THRESHOLD = 0.001;

    private SampleRatioMismatch() {
    }

    /** Test at the default threshold 0.001. */
    public static SrmResult test(long[] observedCounts, double[] configuredWeights) {
        return test(observedCounts, configuredWeights, DEFAULT_THRESHOLD);
    }

    /**
     * Pearson chi-square {@code sum (O_i - E_i)^2 / E_i} with {@code E_i = N w_i / sum w} and
     * {@code k - 1} degrees of freedom. Weights need not sum to 1. With no observations p = 1.
     */
    public static SrmResult test(long[] observedCounts, double[] configuredWeights, double threshold) {
        if (observedCounts.length != configuredWeights.length || observedCounts.length < 2) {
            throw new IllegalArgumentException("need matching counts and weights for at least two arms");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        double totalWeight = 0;
        long total = 0;
        for (int i = 0; i < observedCounts.length; i++) {
            if (observedCounts[i] < 0 || !(configuredWeights[i] > 0) || Double.isInfinite(configuredWeights[i])) {
                throw new IllegalArgumentException("counts must be >= 0 and weights positive and finite");
            }
            totalWeight += configuredWeights[i];
            total += observedCounts[i];
        }
        int dof = observedCounts.length - 1;
        if (total == 0) {
            return new SrmResult(0.0, dof, 1.0, false);
        }
        double chiSquare = 0;
        for (int i = 0; i < observedCounts.length; i++) {
            double expected = total * configuredWeights[i] / totalWeight;
            double deviation = observedCounts[i] - expected;
            chiSquare += deviation * deviation / expected;
        }
        double pValue = 1.0 - new ChiSquaredDistribution(null, dof).cumulativeProbability(chiSquare);
        return new SrmResult(chiSquare, dof, Math.max(0.0, pValue), pValue < threshold);
    }
}
