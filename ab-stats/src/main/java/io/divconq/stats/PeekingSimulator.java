package io.divconq.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simulates a live experiment for {@link StatsValidation}: results arrive one at a time, each assigned
 * at random to treatment or control, and every decision rule is evaluated after every result.
 */
final class PeekingSimulator {

    private PeekingSimulator() {
    }

    /** One metric value of one result. */
    @FunctionalInterface
    interface Draw {
        double next(SplittableRandom rng);
    }

    /** An interval for {@code treatment - control} from the two arms' moments. */
    @FunctionalInterface
    interface DifferenceRule {
        Interval interval(RunningMoments treatment, RunningMoments control);
    }

    /** A rule watching one metric (an index into the arms' draws). */
    record Check(int metric, DifferenceRule rule) {
    }

    /**
     * Streams up to {@code maxResults} results, each assigned to treatment with probability
     * {@code treatmentShare} and otherwise to control, and applies every check after every result.
     * Returns per check the number of results at its first exclusion of 0: positive if the interval lay
     * above 0, negative if below, 0 if it never excluded 0.
     */
    static int[] firstExclusions(SplittableRandom rng, double treatmentShare, Draw[] treatment, Draw[] control,
                                 int maxResults, Check... checks) {
        RunningMoments[] t = new RunningMoments[treatment.length];
        RunningMoments[] c = new RunningMoments[control.length];
        Arrays.fill(t, RunningMoments.EMPTY);
        Arrays.fill(c, RunningMoments.EMPTY);
        int[] first = new int[checks.length];
        int open = checks.length;
        for (int i = 1; i <= maxResults && open > 0; i++) {
            boolean toTreatment = rng.nextDouble() < treatmentShare;
            Draw[] draws = toTreatment ? treatment : control;
            RunningMoments[] arm = toTreatment ? t : c;
            for (int m = 0; m < draws.length; m++) {
                arm[m] = arm[m].add(draws[m].next(rng));
            }
            for (int k = 0; k < checks.length; k++) {
                if (first[k] != 0) {
                    continue;
                }
                Interval interval = checks[k].rule().interval(t[checks[k].metric()], c[checks[k].metric()]);
                if (interval.excludesZero()) {
                    first[k] = interval.lower() > 0 ? i : -i;
                    open--;
                }
            }
        }
        return first;
    }

    /** The always-valid difference sequence of {@code spec}. */
    static DifferenceRule alwaysValid(MetricSpec spec) {
        return (t, c) -> ConfidenceSequences.difference(t, c, spec);
    }

    /**
     * The fixed-horizon z-interval {@code diff +- z_{1-alpha/2} sqrt(V)} with the same variance estimate
     * as the confidence sequence: it differs only in the boundary, which is valid for a single look.
     */
    static DifferenceRule naiveFixedHorizon(MetricSpec spec) {
        double z = FixedHorizon.zQuantile(spec.alpha());
        return (t, c) -> {
            if (t.n() < spec.burnIn() || c.n() < spec.burnIn()) {
                return Interval.UNBOUNDED;
            }
            double v = ConfidenceSequences.armVariance(t, spec.kind()) / t.n()
                    + ConfidenceSequences.armVariance(c, spec.kind()) / c.n();
            return Interval.around(t.mean() - c.mean(), z * Math.sqrt(v));
        };
    }

    /** A 0/1 outcome with success probability {@code p}. */
    static Draw bernoulli(double p) {
        return rng -> rng.nextDouble() < p ? 1.0 : 0.0;
    }

    /** {@code median * exp(logSd * Z)} with Z standard normal. */
    static Draw logNormal(double median, double logSd) {
        return rng -> median * Math.exp(logSd * rng.nextGaussian());
    }

    /** The sum of independent draws (e.g. decomposition cost plus solve cost). */
    static Draw sum(Draw first, Draw second) {
        return rng -> first.next(rng) + second.next(rng);
    }
}
