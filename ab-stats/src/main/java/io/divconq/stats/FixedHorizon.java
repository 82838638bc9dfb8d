package io.divconq.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Classical fixed-horizon intervals for the dashboard. They are valid only when read once, at a sample
 * size fixed in advance; peeking at them after every result inflates the false-positive rate (see
 * {@link StatsValidation}). Decisions use {@link ConfidenceSequences}.
 */
public final class FixedHorizon {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private FixedHorizon() {
    }

    /** Two-sided standard-normal quantile {@code z_{1 - alpha/2}}. */
    public static double zQuantile(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(1.0 - alpha / 2.0);
    }

    /** Wilson score interval for a proportion {@code successes / n} at level {@code 1 - alpha}; [0,1] if n = 0. */
    public static Interval wilson(long successes, long n, double alpha) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n, was " + successes + " of " + n);
        }
        if (n == 0) {
            return new Interval(0.0, 1.0);
        }
        double z = zQuantile(alpha);
        double zz = z * z;
        double p = (double) successes / n;
        double denominator = 1.0 + zz / n;
        double centre = (p + zz / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1.0 - p) / n + zz / (4.0 * n * n));
        return new Interval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }

    /**
     * Welch interval for {@code mean(treatment) - mean(control)} at level {@code 1 - alpha}, with
     * Welch-Satterthwaite degrees of freedom; unbounded when an arm has fewer than 2 results.
     */
    public static Interval welch(RunningMoments treatment, RunningMoments control, double alpha) {
        if (treatment.n() < 2 || control.n() < 2) {
            return Interval.UNBOUNDED;
        }
        double a = treatment.variance() / treatment.n();
        double b = control.variance() / control.n();
        double v = a + b;
        double diff = treatment.mean() - control.mean();
        if (v == 0.0) {
            return new Interval(diff, diff);
        }
        double dof = v * v / (a * a / (treatment.n() - 1) + b * b / (control.n() - 1));
        double t = new TDistribution(null, dof).inverseCumulativeProbability(1.0 - alpha / 2.0);
        return Interval.around(diff, t * Math.sqrt(v));
    }
}
