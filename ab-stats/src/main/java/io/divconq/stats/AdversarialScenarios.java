package io.divconq.stats;

import static io.divconq.stats.PeekingSimulator.alwaysValid;
import static io.divconq.stats.PeekingSimulator.firstExclusions;

import io.divconq.stats.PeekingSimulator.Check;
import io.divconq.stats.PeekingSimulator.Draw;
import io.divconq.stats.ScenarioResult.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The cases where a live verdict used to mislead, each simulated over seeded experiments with a peek after every
 * result: A/A cost with equal and unequal tails and with rare 100x problems, an arm whose replies are 30%
 * unusable, a weight ramp with problems in flight, a real 45/55 split bug, and power for a 20% cost gap.
 * Costs are drawn log-normal (median $0.016) and clipped at the bound, with the arms' clipped means made exactly
 * equal in the A/A cases.
 */
final class AdversarialScenarios {

    static final double COST_MEDIAN_USD = 0.016;
    static final double CONTROL_LOG_SD = 0.5;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);
    private static final int ACCURACY = 0;
    private static final int COST = 0;

    private AdversarialScenarios() {
    }

    /** Every scenario, in a fixed order, each from its own split of {@code rng}. */
    static List<ScenarioResult> run(ValidationConfig config, ScenarioSettings s, SplittableRandom rng) {
        List<ScenarioResult> out = new ArrayList<>();
        MetricSpec cost = MetricSpec.costUsd(StatsValidation.COST_MARGIN_USD, s.costBoundUsd()).withAlpha(config.alpha());
        MetricSpec accuracy = MetricSpec.accuracy().withAlpha(config.alpha());
        int horizon = 2 * config.samplesPerExperiment();
        double bound = s.costBoundUsd();
        double controlMu = Math.log(COST_MEDIAN_USD);
        double controlMean = clippedLogNormalMean(controlMu, CONTROL_LOG_SD, bound);

        Draw control = clippedLogNormal(controlMu, CONTROL_LOG_SD, bound);
        out.add(aaCost("aa-cost-equal-tails", "A/A mean cost, both arms log-normal sd 0.5", s, rng.split(), cost,
                control, control, horizon, config.alpha()));
        double wideMu = solveMu(mu -> clippedLogNormalMean(mu, 2.0, bound), controlMean);
        out.add(aaCost("aa-cost-unequal-tails", "A/A mean cost, log-normal sd 0.5 vs 2.0 (equal means)", s,
                rng.split(), cost, clippedLogNormal(wideMu, 2.0, bound), control, horizon, config.alpha()));
        double spikyMu = solveMu(mu -> 0.99 * clippedLogNormalMean(mu, CONTROL_LOG_SD, bound)
                + 0.01 * clippedLogNormalMean(mu + Math.log(100), CONTROL_LOG_SD, bound), controlMean);
        Draw spiky = r -> Math.min(bound, Math.exp(spikyMu + CONTROL_LOG_SD * r.nextGaussian()) * (r.nextDouble() < 0.01 ? 100 : 1));
        out.add(aaCost("aa-cost-rare-100x", "A/A mean cost, 1% of the treatment's problems cost 100x (equal means)",
                s, rng.split(), cost, spiky, control, horizon, config.alpha()));
        out.addAll(unusableReplies(config, s, rng.split(), accuracy, horizon));
        out.add(ramp(config, s, rng.split()));
        out.add(splitBug(config, s, rng.split()));
        double typical = s.typicalCostBoundUsd();
        out.add(costPower(config, s, rng.split(), MetricSpec.costUsd(StatsValidation.COST_MARGIN_USD, typical)
                .withAlpha(config.alpha()), controlMu, typical));
        return out;
    }

    private static ScenarioResult aaCost(String name, String description, ScenarioSettings s, SplittableRandom rng,
                                         MetricSpec cost, Draw treatment, Draw control, int horizon, double alpha) {
        MetricSpec before = MetricSpec.costUsdNormalMixture(cost.equivalenceMargin(), horizon / 2).withAlpha(alpha);
        int falsePositives = 0;
        int beforeFalsePositives = 0;
        for (int e = 0; e < s.experiments(); e++) {
            int[] first = firstExclusions(rng.split(), 0.5, new Draw[] {treatment}, new Draw[] {control}, horizon,
                    new Check(COST, alwaysValid(cost)), new Check(COST, alwaysValid(before)));
            falsePositives += first[0] != 0 ? 1 : 0;
            beforeFalsePositives += first[1] != 0 ? 1 : 0;
        }
        return ScenarioResult.of(name, Kind.FALSE_POSITIVE, falsePositives, s.experiments(), alpha,
                String.format("%s; event: the cost interval ever excludes 0 (normal-mixture interval used before: %.3f)",
                        description, (double) beforeFalsePositives / s.experiments()));
    }

    /**
     * The treatment's replies are unusable 30% of the time and it is correct on 65% of the rest; the control is
     * correct on 65%. Counted by intention to treat, a failure is a wrong answer.
     */
    private static List<ScenarioResult> unusableReplies(ValidationConfig config, ScenarioSettings s,
                                                        SplittableRandom rng, MetricSpec accuracy, int horizon) {
        double p = config.baselineAccuracy();
        Draw treatment = r -> r.nextDouble() < 0.3 ? 0.0 : (r.nextDouble() < p ? 1.0 : 0.0);
        Draw control = PeekingSimulator.bernoulli(p);
        int better = 0;
        int worse = 0;
        for (int e = 0; e < s.experiments(); e++) {
            int first = firstExclusions(rng.split(), 0.5, new Draw[] {treatment}, new Draw[] {control}, horizon,
                    new Check(ACCURACY, alwaysValid(accuracy)))[0];
            better += first > 0 ? 1 : 0;
            worse += first < 0 ? 1 : 0;
        }
        String what = "treatment replies 30% unusable (failed = wrong), accuracy " + p + " on the rest";
        return List.of(
                ScenarioResult.of("unusable-30pct-never-better", Kind.FALSE_POSITIVE, better, s.experiments(),
                        config.alpha(), what + "; event: verdict BETTER"),
                ScenarioResult.of("unusable-30pct-detected-worse", Kind.DETECTION, worse, s.experiments(), 0.99,
                        what + "; event: verdict WORSE within the horizon"));
    }

    /**
     * 50/50, then 90/10 after {@code rampAfter} assignments, with 64 problems in flight per arm completing in random
     * order: results are counted under the weight version they were assigned with.
     */
    private static ScenarioResult ramp(ValidationConfig config, ScenarioSettings s, SplittableRandom rng) {
        double[][] weights = {{0.5, 0.5}, {0.9, 0.1}};
        int alarms = 0;
        for (int e = 0; e < s.experiments(); e++) {
            alarms += everFlagged(rng.split(), weights, weights, s.rampAfter(), s.srmResults(), 128) ? 1 : 0;
        }
        return ScenarioResult.of("srm-ramp-50-50-to-90-10", Kind.FALSE_POSITIVE, alarms, s.experiments(), 0.01,
                "weights 50/50 then 90/10 after " + s.rampAfter() + " assignments, 64 in flight per arm; event: SRM alarm");
    }

    /** Configured 50/50 but the assignment really sends 45/55. */
    private static ScenarioResult splitBug(ValidationConfig config, ScenarioSettings s, SplittableRandom rng) {
        double[][] configured = {{0.5, 0.5}};
        double[][] actual = {{0.45, 0.55}};
        int detected = 0;
        for (int e = 0; e < s.experiments(); e++) {
            detected += everFlagged(rng.split(), configured, actual, Integer.MAX_VALUE, s.srmResults(), 128) ? 1 : 0;
        }
        return ScenarioResult.of("srm-split-bug-45-55", Kind.DETECTION, detected, s.experiments(), 0.99,
                "configured 50/50, actually 45/55; event: SRM alarm within " + s.srmResults() + " results");
    }

    /** The treatment costs 20% less (same tails); a success is a first exclusion on the cheaper side. */
    private static ScenarioResult costPower(ValidationConfig config, ScenarioSettings s, SplittableRandom rng,
                                            MetricSpec cost, double controlMu, double bound) {
        Draw treatment = clippedLogNormal(controlMu + Math.log(0.8), CONTROL_LOG_SD, bound);
        Draw control = clippedLogNormal(controlMu, CONTROL_LOG_SD, bound);
        int found = 0;
        for (int e = 0; e < s.experiments(); e++) {
            int first = firstExclusions(rng.split(), 0.5, new Draw[] {treatment}, new Draw[] {control},
                    2 * s.costPowerSamplesPerArm(), new Check(COST, alwaysValid(cost)))[0];
            found += first < 0 ? 1 : 0;
        }
        return ScenarioResult.of("power-cost-20pct", Kind.DETECTION, found, s.experiments(), 0.8,
                "treatment 20% cheaper, bound $" + bound + ", up to " + s.costPowerSamplesPerArm()
                        + " results per arm; event: verdict cheaper");
    }

    /**
     * Streams {@code results} completions through an in-flight pool of {@code inFlight} problems, assigning each new
     * problem with {@code actual[version]} and testing against {@code configured[version]}; the version moves to 1
     * after {@code switchAfter} assignments. True when the sequential SRM test ever flags.
     */
    static boolean everFlagged(SplittableRandom rng, double[][] configured, double[][] actual, int switchAfter,
                               int results, int inFlight) {
        int versions = configured.length;
        long[][] counts = new long[versions][2];
        double logBf = 0;
        int[] pool = new int[inFlight];
        int assigned = 0;
        for (int i = 0; i < inFlight; i++) {
            pool[i] = assign(rng, actual, versionAt(assigned++, switchAfter, versions));
        }
        double threshold = Math.log(1.0 / SampleRatioMismatch.DEFAULT_THRESHOLD);
        for (int done = 0; done < results; done++) {
            int slot = rng.nextInt(inFlight);
            int version = pool[slot] >> 1;
            int arm = pool[slot] & 1;
            long n = counts[version][0] + counts[version][1];
            double theta = configured[version][arm];
            double a = SequentialSrm.PRIOR_CONCENTRATION * theta;
            // One more result multiplies the epoch's Bayes factor by (a_i + n_i) / (k + n) / theta_i.
            double step = Math.log((a + counts[version][arm]) / (SequentialSrm.PRIOR_CONCENTRATION + n) / theta);
            logBf += step;
            counts[version][arm]++;
            if (logBf >= threshold) {
                return true;
            }
            pool[slot] = assign(rng, actual, versionAt(assigned++, switchAfter, versions));
        }
        return false;
    }

    private static int versionAt(int assigned, int switchAfter, int versions) {
        return assigned < switchAfter ? 0 : versions - 1;
    }

    /** Encodes version and arm (0 or 1) of one new assignment. */
    private static int assign(SplittableRandom rng, double[][] actual, int version) {
        int arm = rng.nextDouble() < actual[version][0] ? 0 : 1;
        return version << 1 | arm;
    }

    /** {@code min(bound, exp(mu + sd Z))}. */
    static Draw clippedLogNormal(double mu, double sd, double bound) {
        return r -> Math.min(bound, Math.exp(mu + sd * r.nextGaussian()));
    }

    /** {@code E[min(B, exp(mu + sd Z))] = e^(mu + sd^2/2) Phi((ln B - mu - sd^2)/sd) + B (1 - Phi((ln B - mu)/sd))}. */
    static double clippedLogNormalMean(double mu, double sd, double bound) {
        double lb = Math.log(bound);
        return Math.exp(mu + sd * sd / 2) * STANDARD_NORMAL.cumulativeProbability((lb - mu - sd * sd) / sd)
                + bound * (1 - STANDARD_NORMAL.cumulativeProbability((lb - mu) / sd));
    }

    /** The {@code mu} at which the increasing {@code meanOf(mu)} equals {@code target} (bisection). */
    static double solveMu(DoubleUnaryOperator meanOf, double target) {
        double lo = -30;
        double hi = 10;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (meanOf.applyAsDouble(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
