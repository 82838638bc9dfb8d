package io.divconq.stats;

import static io.divconq.stats.PeekingSimulator.alwaysValid;
import static io.divconq.stats.PeekingSimulator.bernoulli;
import static io.divconq.stats.PeekingSimulator.firstExclusions;

import io.divconq.stats.PeekingSimulator.Check;
import io.divconq.stats.PeekingSimulator.Draw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded Monte Carlo check of the statistics ({@code divconq validate-stats}): A/A false-positive rate
 * under peeking after every result, A/B power at the planned sample size, sample-ratio-mismatch
 * detection, and time to a cost verdict versus an accuracy verdict.
 *
 * <p>Each simulated result goes to treatment or control with probability 1/2 and carries a correctness
 * outcome and a cost. Costs are log-normal: decomposition (median $0.010 for the teacher, 5x cheaper for
 * the student) plus solving (median $0.006 for both), each with log-scale sd 0.5.
 */
public final class StatsValidation {

    static final double TEACHER_DECOMPOSE_MEDIAN_USD = 0.010;
    static final double STUDENT_DECOMPOSE_MEDIAN_USD = TEACHER_DECOMPOSE_MEDIAN_USD / 5.0;
    static final double SOLVE_MEDIAN_USD = 0.006;
    static final double COST_LOG_SD = 0.5;
    /** Equivalence margin for cost in the simulation (it does not affect BETTER/WORSE). */
    static final double COST_MARGIN_USD = 0.001;

    private static final double EVEN_SPLIT = 0.5;
    private static final int ACCURACY = 0;
    private static final int COST = 1;

    private StatsValidation() {
    }

    private record AaOutcome(int falsePositives, double falsePositiveRate, double falsePositiveUpper, double naiveRate,
                             double costRate) {
    }

    private record AbOutcome(int found, double power, double medianResultsToVerdict) {
    }

    private record CostOutcome(double medianToCostVerdict, double medianToAccuracyVerdict) {
    }

    private record SrmOutcome(SrmResult broken, SrmResult healthy, double detectionRate, double falseAlarmRate) {
    }

    /** Runs the whole validation; the same config always gives the same report. */
    public static ValidationReport run(ValidationConfig config) {
        SplittableRandom master = new SplittableRandom(config.seed());
        SplittableRandom aaRng = master.split();
        SplittableRandom abRng = master.split();
        SplittableRandom srmRng = master.split();
        SplittableRandom costRng = master.split();
        MetricSpec accuracy = MetricSpec.accuracy().withAlpha(config.alpha());
        MetricSpec cost = MetricSpec.costUsd(COST_MARGIN_USD, config.scenarios().typicalCostBoundUsd()).withAlpha(config.alpha());
        SplittableRandom scenarioRng = master.split();

        AaOutcome aa = runAa(config, aaRng, accuracy, cost);
        AbOutcome ab = runAb(config, abRng, accuracy);
        SrmOutcome srm = runSrm(config, srmRng);
        CostOutcome costCheck = runCostCheck(config, costRng, accuracy, cost);

        double p = config.baselineAccuracy();
        List<ScenarioResult> scenarios = new ArrayList<>();
        scenarios.add(ScenarioResult.of("aa-accuracy", ScenarioResult.Kind.FALSE_POSITIVE, aa.falsePositives(),
                config.aaExperiments(), config.alpha(), "A/A accuracy " + p + "; event: the interval ever excludes 0"));
        scenarios.add(ScenarioResult.of("power-accuracy-5pt", ScenarioResult.Kind.DETECTION, ab.found(),
                config.abExperiments(), 0.8, String.format("accuracy %.2f vs %.2f within %d results per arm",
                        p + config.abGap(), p, config.samplesPerExperiment())));
        if (config.scenarios().experiments() > 0) {
            scenarios.addAll(AdversarialScenarios.run(config, config.scenarios(), scenarioRng));
        }
        return new ValidationReport(config.aaExperiments(), aa.falsePositiveRate(), config.abExperiments(), ab.power(),
                config.samplesPerExperiment(), ab.medianResultsToVerdict(), srm.broken().mismatch(),
                srm.broken().pValue(), srm.healthy().mismatch(), config.alpha(), config.seed(),
                aa.falsePositiveUpper(), aa.naiveRate(), aa.costRate(), p, config.abGap(),
                accuracy.mixing().tauSquared(2 * p * (1 - p), config.alpha()), config.srmTotal(),
                srm.healthy().pValue(), srm.detectionRate(), srm.falseAlarmRate(), config.costExperiments(),
                config.costAccuracyGap(), costCheck.medianToCostVerdict(), costCheck.medianToAccuracyVerdict(), scenarios);
    }

    /** Identical arms; the always-valid, the naive and the cost rule all watch the same results. */
    private static AaOutcome runAa(ValidationConfig config, SplittableRandom rng, MetricSpec accuracy, MetricSpec cost) {
        Draw[] arm = {bernoulli(config.baselineAccuracy()), totalCost(TEACHER_DECOMPOSE_MEDIAN_USD, cost.upperBound())};
        Check[] checks = {
            new Check(ACCURACY, alwaysValid(accuracy)),
            new Check(ACCURACY, PeekingSimulator.naiveFixedHorizon(accuracy)),
            new Check(COST, alwaysValid(cost))};
        int[] falsePositives = new int[checks.length];
        for (int e = 0; e < config.aaExperiments(); e++) {
            int[] first = firstExclusions(rng.split(), EVEN_SPLIT, arm, arm, 2 * config.samplesPerExperiment(), checks);
            for (int c = 0; c < first.length; c++) {
                falsePositives[c] += first[c] != 0 ? 1 : 0;
            }
        }
        int n = config.aaExperiments();
        double upper = n == 0 ? Double.NaN : FixedHorizon.wilson(falsePositives[0], n, 0.05).upper();
        return new AaOutcome(falsePositives[0], rate(falsePositives[0], n), upper, rate(falsePositives[1], n), rate(falsePositives[2], n));
    }

    /** A real accuracy gap; a success is a first exclusion of 0 on the correct side within the horizon. */
    private static AbOutcome runAb(ValidationConfig config, SplittableRandom rng, MetricSpec accuracy) {
        Draw[] treatment = {bernoulli(config.baselineAccuracy() + config.abGap())};
        Draw[] control = {bernoulli(config.baselineAccuracy())};
        double[] toVerdict = new double[config.abExperiments()];
        for (int e = 0; e < config.abExperiments(); e++) {
            int first = firstExclusions(rng.split(), EVEN_SPLIT, treatment, control, 2 * config.samplesPerExperiment(),
                    new Check(ACCURACY, alwaysValid(accuracy)))[0];
            toVerdict[e] = resultsToCorrectVerdict(first, config.abGap());
        }
        long correct = Arrays.stream(toVerdict).filter(Double::isFinite).count();
        return new AbOutcome((int) correct, rate((int) correct, config.abExperiments()), median(toVerdict));
    }

    /** The student is 5x cheaper to decompose and slightly less accurate: which verdict comes first? */
    private static CostOutcome runCostCheck(ValidationConfig config, SplittableRandom rng, MetricSpec accuracy,
                                            MetricSpec cost) {
        Draw[] treatment = {bernoulli(config.baselineAccuracy() + config.costAccuracyGap()),
            totalCost(STUDENT_DECOMPOSE_MEDIAN_USD, cost.upperBound())};
        Draw[] control = {bernoulli(config.baselineAccuracy()), totalCost(TEACHER_DECOMPOSE_MEDIAN_USD, cost.upperBound())};
        double[] toCostVerdict = new double[config.costExperiments()];
        double[] toAccuracyVerdict = new double[config.costExperiments()];
        for (int e = 0; e < config.costExperiments(); e++) {
            int[] first = firstExclusions(rng.split(), EVEN_SPLIT, treatment, control,
                    2 * config.costMaxSamplesPerArm(),
                    new Check(COST, alwaysValid(cost)), new Check(ACCURACY, alwaysValid(accuracy)));
            toCostVerdict[e] = resultsToCorrectVerdict(first[0], -1.0);
            toAccuracyVerdict[e] = resultsToCorrectVerdict(first[1], config.costAccuracyGap());
        }
        return new CostOutcome(median(toCostVerdict), median(toAccuracyVerdict));
    }

    /** A broken 45/55 assignment and a healthy 50/50 one, both tested against the configured 50/50. */
    private static SrmOutcome runSrm(ValidationConfig config, SplittableRandom rng) {
        double[] configured = {0.5, 0.5};
        SrmResult broken = SampleRatioMismatch.test(assign(rng, config.srmTotal(), config.srmObservedShare()), configured);
        SrmResult healthy = SampleRatioMismatch.test(assign(rng, config.srmTotal(), 0.5), configured);
        int detections = 0;
        int falseAlarms = 0;
        for (int r = 0; r < config.srmReplications(); r++) {
            long[] brokenCounts = assign(rng, config.srmTotal(), config.srmObservedShare());
            long[] healthyCounts = assign(rng, config.srmTotal(), 0.5);
            detections += SampleRatioMismatch.test(brokenCounts, configured).mismatch() ? 1 : 0;
            falseAlarms += SampleRatioMismatch.test(healthyCounts, configured).mismatch() ? 1 : 0;
        }
        return new SrmOutcome(broken, healthy, rate(detections, config.srmReplications()),
                rate(falseAlarms, config.srmReplications()));
    }

    /**
     * Total cost per problem: log-normal decomposition with the given median plus log-normal solving, clipped at
     * {@code boundUsd} (never reached in practice at the default $0.2).
     */
    static Draw totalCost(double decomposeMedianUsd, double boundUsd) {
        Draw sum = PeekingSimulator.sum(PeekingSimulator.logNormal(decomposeMedianUsd, COST_LOG_SD),
                PeekingSimulator.logNormal(SOLVE_MEDIAN_USD, COST_LOG_SD));
        return rng -> Math.min(boundUsd, sum.next(rng));
    }

    private static double resultsToCorrectVerdict(int firstExclusion, double trueDifference) {
        boolean correctSide = firstExclusion != 0 && (firstExclusion > 0) == (trueDifference > 0);
        return correctSide ? Math.abs(firstExclusion) : Double.POSITIVE_INFINITY;
    }

    /** Per-arm unit counts when each of {@code total} units goes to the first arm with {@code firstShare}. */
    private static long[] assign(SplittableRandom rng, long total, double firstShare) {
        long first = 0;
        for (long i = 0; i < total; i++) {
            first += rng.nextDouble() < firstShare ? 1 : 0;
        }
        return new long[] {first, total - first};
    }

    private static double rate(int count, int total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }

    /** Median, with +infinity standing for "no verdict"; NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** Runs the default validation and prints the report; {@code args[0]} optionally overrides the seed. */
    public static void main(String[] args) {
        ValidationConfig config = ValidationConfig.defaults();
        if (args.length > 0) {
            config = config.withSeed(Long.parseLong(args[0]));
        }
        long start = System.nanoTime();
        ValidationReport report = run(config);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(report.summary());
        System.out.println("run time " + millis + " ms");
    }
}
