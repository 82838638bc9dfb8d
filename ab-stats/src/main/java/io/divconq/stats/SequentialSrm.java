package io.divconq.stats;

import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * Always-valid sample-ratio-mismatch test per assignment epoch (weight version): may be re-evaluated after every
 * result and still raises a false alarm with probability at most {@code threshold} over the whole experiment.
 *
 * <p>Per epoch, the Dirichlet-multinomial Bayes factor of Lindon and Malek (2022, "Anytime-valid inference for
 * multinomial count data"): with expected shares {@code theta} and prior {@code Dirichlet(k * theta)},
 * {@code BF = Gamma(k) / Gamma(k + n) * prod Gamma(k theta_i + n_i) / Gamma(k theta_i) / prod theta_i^n_i}. Under
 * no mismatch each epoch's factor is a test martingale in its own results, and every result belongs to exactly one
 * epoch, so the product over epochs is a test martingale too: by Ville's inequality
 * {@code P(ever prod BF >= 1 / threshold) <= threshold}. The p-value is {@code min(1, 1 / prod BF)}. Results are
 * counted under the weights they were assigned with, so problems in flight across a weight change never count
 * against the new weights.
 */
public final class SequentialSrm {

    /** Prior concentration {@code k}: the prior's weight in results. */
    public static final double PRIOR_CONCENTRATION = 100.0;

    private SequentialSrm() {
    }

    /** Observed counts of one epoch and the weights it was assigned with (arms with weight 0 must have count 0). */
    public record Epoch(long[] counts, double[] weights) {
        public Epoch {
            if (counts.length != weights.length || counts.length < 1) {
                throw new IllegalArgumentException("need matching counts and weights");
            }
        }
    }

    /** Outcome: the combined log Bayes factor, the always-valid p-value {@code min(1, 1/BF)} and the flag. */
    public record Result(double logBayesFactor, double pValue, boolean mismatch) {
    }

    /** Test of all epochs together at {@code threshold} (0.001 by convention). */
    public static Result test(List<Epoch> epochs, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        double logBf = 0;
        for (Epoch e : epochs) {
            logBf += logBayesFactor(e);
        }
        double p = Math.min(1.0, Math.exp(-logBf));
        return new Result(logBf, p, p < threshold);
    }

    /**
     * Log Bayes factor of one epoch. An arm with weight 0 that still received results is an outright mismatch
     * (infinite factor); arms with weight 0 and no results are left out.
     */
    public static double logBayesFactor(Epoch e) {
        double total = 0;
        for (double w : e.weights()) {
            if (w < 0 || !Double.isFinite(w)) throw new IllegalArgumentException("weights must be >= 0 and finite");
            total += w;
        }
        if (!(total > 0)) throw new IllegalArgumentException("an epoch needs a positive weight");
        long n = 0;
        double log = 0;
        for (int i = 0; i < e.counts().length; i++) {
            long count = e.counts()[i];
            if (count < 0) throw new IllegalArgumentException("counts must be >= 0");
            double theta = e.weights()[i] / total;
            if (theta == 0) {
                if (count > 0) return Double.POSITIVE_INFINITY;
                continue;
            }
            double a = PRIOR_CONCENTRATION * theta;
            log += Gamma.logGamma(a + count) - Gamma.logGamma(a) - count * Math.log(theta);
            n += count;
        }
        return log + Gamma.logGamma(PRIOR_CONCENTRATION) - Gamma.logGamma(PRIOR_CONCENTRATION + n);
    }
}
