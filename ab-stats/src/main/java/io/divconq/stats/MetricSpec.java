package io.divconq.stats;

/**
 * How one metric is compared: its range, which way is better, the equivalence margin (absolute, in
 * metric units), the error level and the mixing variance of the confidence sequence.
 *
 * @param burnIn     results an arm needs before its variance is trusted; until then the difference
 *                   interval is the widest possible ([-1, 1] for UNIT_INTERVAL, unbounded otherwise)
 * @param upperBound the largest possible value of a BOUNDED metric (every value lies in [0, upperBound]);
 *                   ignored by the other kinds
 */
public record MetricSpec(String name, MetricKind kind, Direction direction, double equivalenceMargin,
                         double alpha, MixingVariance mixing, int burnIn, double upperBound) {

    /** Default error level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Expected accuracy effect the accuracy sequence is tuned to (5 points). */
    public static final double DEFAULT_ACCURACY_EFFECT = 0.05;
    /** Accuracy equivalence margin (2 points). */
    public static final double DEFAULT_ACCURACY_MARGIN = 0.02;
    /** Burn-in for unbounded metrics. */
    public static final int DEFAULT_UNBOUNDED_BURN_IN = 10;

    public MetricSpec {
        if (name == null || kind == null || direction == null || mixing == null) {
            throw new IllegalArgumentException("name, kind, direction and mixing are required");
        }
        if (!(equivalenceMargin >= 0)) {
            throw new IllegalArgumentException("equivalence margin must be >= 0, was " + equivalenceMargin);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (burnIn < 1) {
            throw new IllegalArgumentException("burnIn must be >= 1, was " + burnIn);
        }
        if (kind == MetricKind.BOUNDED && !(upperBound > 0 && Double.isFinite(upperBound))) {
            throw new IllegalArgumentException("a BOUNDED metric needs a positive finite upper bound, was " + upperBound);
        }
    }

    /** Correctness (0/1 or F1): higher is better, margin 2 points, tau^2 = 0.05^2, alpha 0.05. */
    public static MetricSpec accuracy() {
        return new MetricSpec("accuracy", MetricKind.UNIT_INTERVAL, Direction.HIGHER_IS_BETTER,
                DEFAULT_ACCURACY_MARGIN, DEFAULT_ALPHA, MixingVariance.forExpectedEffect(DEFAULT_ACCURACY_EFFECT), 1,
                1.0);
    }

    /**
     * Cost in USD per problem, in {@code [0, maxCostUsd]}: lower is better; empirical-Bernstein confidence
     * sequence (no mixing variance, no burn-in).
     */
    public static MetricSpec costUsd(double equivalenceMarginUsd, double maxCostUsd) {
        return new MetricSpec("cost_usd", MetricKind.BOUNDED, Direction.LOWER_IS_BETTER, equivalenceMarginUsd,
                DEFAULT_ALPHA, MixingVariance.forExpectedEffect(maxCostUsd), 1, maxCostUsd);
    }

    /** A rate in [0, 1] (failures, dead letters) judged with the empirical-Bernstein sequence; lower is better. */
    public static MetricSpec rate(String name) {
        return new MetricSpec(name, MetricKind.BOUNDED, Direction.LOWER_IS_BETTER, 0.0, DEFAULT_ALPHA,
                MixingVariance.forExpectedEffect(1.0), 1, 1.0);
    }

    /**
     * Cost in USD per problem judged with the normal-mixture sequence tuned for {@code plannedSamplesPerArm}:
     * the method before the bounded one, kept to show in {@code validate-stats} why it was replaced.
     */
    public static MetricSpec costUsdNormalMixture(double equivalenceMarginUsd, long plannedSamplesPerArm) {
        return new MetricSpec("cost_usd", MetricKind.UNBOUNDED, Direction.LOWER_IS_BETTER, equivalenceMarginUsd,
                DEFAULT_ALPHA, new MixingVariance.TunedForSampleSize(plannedSamplesPerArm), DEFAULT_UNBOUNDED_BURN_IN,
                Double.NaN);
    }

    public MetricSpec withAlpha(double newAlpha) {
        return new MetricSpec(name, kind, direction, equivalenceMargin, newAlpha, mixing, burnIn, upperBound);
    }

    public MetricSpec withEquivalenceMargin(double newMargin) {
        return new MetricSpec(name, kind, direction, newMargin, alpha, mixing, burnIn, upperBound);
    }
}
