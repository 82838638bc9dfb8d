package io.divconq.stats;

/**
 * Always-valid (time-uniform) confidence sequences from running moments: the intervals may be looked
 * at after every result and still cover the true value at all times simultaneously with probability
 * about {@code 1 - alpha}. BOUNDED metrics (cost) use {@link EmpiricalBernstein}, which is exact; the rest:
 *
 * <p>Both sequences use the normal-mixture boundary: with {@code V} the variance of the estimate and
 * {@code tau^2} the mixing variance, the half-width is
 * {@code sqrt( V (V + tau^2) / tau^2 * ( ln((V + tau^2) / V) + 2 ln(1/alpha) ) )}
 * (Robbins 1970; Johari et al. 2022; Howard et al. 2021; Waudby-Smith et al. 2024). Validity is
 * asymptotic (plug-in variance, CLT); see docs/statistics.md for the degenerate-case rules.
 */
public final class ConfidenceSequences {

    /**
     * Pseudo-observations at the maximal [0,1] variance 1/4 that the sample variance of a UNIT_INTERVAL
     * metric is shrunk toward, so a run of identical early outcomes cannot yield a near-zero variance.
     */
    public static final double UNIT_PRIOR_WEIGHT = 10.0;

    private static final double MAX_UNIT_VARIANCE = 0.25;

    /** Last {alpha, optimal ratio} pair: the ratio is needed on every peek and alpha rarely changes. */
    private static volatile double[] ratioCache = {MetricSpec.DEFAULT_ALPHA, solveOptimalRatio(MetricSpec.DEFAULT_ALPHA)};

    private ConfidenceSequences() {
    }

    /**
     * Confidence sequence for one arm's mean (clipped to [0, 1] for UNIT_INTERVAL metrics; empirical Bernstein for
     * BOUNDED ones, see {@link EmpiricalBernstein}).
     */
    public static Interval mean(RunningMoments arm, MetricSpec spec) {
        if (spec.kind() == MetricKind.BOUNDED) {
            return EmpiricalBernstein.mean(arm, spec.upperBound(), spec.alpha());
        }
        if (arm.n() < spec.burnIn()) {
            return widest(spec.kind(), 0.0, 1.0);
        }
        double unitVariance = armVariance(arm, spec.kind());
        double v = unitVariance / arm.n();
        double tauSquared = spec.mixing().tauSquared(unitVariance, spec.alpha());
        Interval interval = Interval.around(arm.mean(), halfWidth(v, tauSquared, spec.alpha()));
        return spec.kind() == MetricKind.UNIT_INTERVAL ? interval.clip(0.0, 1.0) : interval;
    }

    /**
     * Confidence sequence for {@code mean(treatment) - mean(control)} with unequal sample sizes, using
     * {@code V = s_T^2 / n_T + s_C^2 / n_C} (Johari et al. 2022). Clipped to [-1, 1] for UNIT_INTERVAL.
     */
    public static Interval difference(RunningMoments treatment, RunningMoments control, MetricSpec spec) {
        if (spec.kind() == MetricKind.BOUNDED) {
            return EmpiricalBernstein.difference(treatment, control, spec.upperBound(), spec.alpha());
        }
        if (treatment.n() < spec.burnIn() || control.n() < spec.burnIn()) {
            return widest(spec.kind(), -1.0, 1.0);
        }
        double varT = armVariance(treatment, spec.kind());
        double varC = armVariance(control, spec.kind());
        double v = varT / treatment.n() + varC / control.n();
        double tauSquared = spec.mixing().tauSquared(varT + varC, spec.alpha());
        Interval interval = Interval.around(treatment.mean() - control.mean(), halfWidth(v, tauSquared, spec.alpha()));
        return spec.kind() == MetricKind.UNIT_INTERVAL ? interval.clip(-1.0, 1.0) : interval;
    }

    /**
     * Half-width of the two-sided normal-mixture boundary for an estimate with variance {@code v}:
     * {@code sqrt( v (1 + v/tau^2) (ln(1 + tau^2/v) + 2 ln(1/alpha)) )}; 0 when {@code v = 0}.
     */
    public static double halfWidth(double v, double tauSquared, double alpha) {
        if (v == 0.0) {
            return 0.0;
        }
        if (!(tauSquared > 0) || Double.isInfinite(v)) {
            return Double.POSITIVE_INFINITY;
        }
        double ratio = tauSquared / v;
        return Math.sqrt(v * (1.0 + 1.0 / ratio) * (Math.log1p(ratio) + 2.0 * Math.log(1.0 / alpha)));
    }

    /**
     * The per-result variance used for one arm. UNIT_INTERVAL: the sample variance shrunk toward 1/4,
     * {@code ((n-1) s^2 + w/4) / (n-1+w)} with {@code w = UNIT_PRIOR_WEIGHT}, which is 1/4 at n = 1 and
     * never 0. UNBOUNDED: the sample variance.
     */
    public static double armVariance(RunningMoments arm, MetricKind kind) {
        if (kind != MetricKind.UNIT_INTERVAL) {
            return arm.variance();
        }
        double dof = Math.max(0, arm.n() - 1);
        return (dof * arm.variance() + UNIT_PRIOR_WEIGHT * MAX_UNIT_VARIANCE) / (dof + UNIT_PRIOR_WEIGHT);
    }

    /**
     * The ratio {@code r = tau^2 / V} at which the half-width for a given {@code V} is smallest: the root
     * of {@code r = 2 ln(1/alpha) + ln(1 + r)} (8.21 at alpha = 0.05).
     */
    public static double optimalMixingRatio(double alpha) {
        double[] cached = ratioCache;
        if (cached[0] == alpha) {
            return cached[1];
        }
        double ratio = solveOptimalRatio(alpha);
        ratioCache = new double[] {alpha, ratio};
        return ratio;
    }

    private static double solveOptimalRatio(double alpha) {
        double l = 2 * Math.log(1 / alpha);
        double r = l + Math.log1p(l);
        for (int i = 0; i < 8; i++) {
            // Newton on f(r) = r - l - ln(1 + r) with f'(r) = r / (1 + r).
            r -= (r - l - Math.log1p(r)) * (1 + r) / r;
        }
        return r;
    }

    private static Interval widest(MetricKind kind, double min, double max) {
        return kind == MetricKind.UNIT_INTERVAL ? new Interval(min, max) : Interval.UNBOUNDED;
    }
}
