package io.divconq.stats;

/**
 * Settings of the {@code validate-stats} simulation. All randomness derives from {@code seed}.
 *
 * @param samplesPerExperiment planned results per arm; each experiment ends after twice as many results
 * @param abGap                true accuracy of treatment minus control in the A/B experiments
 * @param srmTotal             total units in the sample-ratio-mismatch check
 * @param srmObservedShare     share of units the broken design actually sends to the first arm (0.45)
 * @param srmReplications      seeded repetitions used to report SRM detection and false-alarm rates
 * @param costExperiments      experiments in the cost-versus-accuracy time-to-verdict check (0 skips it)
 * @param costAccuracyGap      accuracy gap in that check (treatment minus control, e.g. -0.03)
 * @param costMaxSamplesPerArm per-arm cap in that check
 * @param scenarios            the adversarial scenarios (see {@link ScenarioSettings})
 */
public record ValidationConfig(long seed, int aaExperiments, int abExperiments, int samplesPerExperiment,
                               double baselineAccuracy, double abGap, double alpha, long srmTotal,
                               double srmObservedShare, int srmReplications, int costExperiments,
                               double costAccuracyGap, int costMaxSamplesPerArm, ScenarioSettings scenarios) {

    /** Planned results per arm at which the default A/B design (0.65 vs 0.60) has power of about 0.87. */
    public static final int DEFAULT_SAMPLES_PER_ARM = 2800;
    /** Largest per-arm size (an experiment streams twice as many results, counted in an int). */
    public static final int MAX_SAMPLES_PER_ARM = 100_000_000;

    public ValidationConfig {
        if (aaExperiments < 0 || abExperiments < 0 || costExperiments < 0 || srmReplications < 0) {
            throw new IllegalArgumentException("experiment counts must be >= 0");
        }
        if (samplesPerExperiment < 1 || costMaxSamplesPerArm < 1 || srmTotal < 1
                || samplesPerExperiment > MAX_SAMPLES_PER_ARM || costMaxSamplesPerArm > MAX_SAMPLES_PER_ARM) {
            throw new IllegalArgumentException("sample sizes must be in [1, " + MAX_SAMPLES_PER_ARM + "]");
        }
        requireProbability(baselineAccuracy, "baselineAccuracy");
        requireProbability(baselineAccuracy + abGap, "baselineAccuracy + abGap");
        requireProbability(baselineAccuracy + costAccuracyGap, "baselineAccuracy + costAccuracyGap");
        requireProbability(srmObservedShare, "srmObservedShare");
        requireProbability(alpha, "alpha");
        if (scenarios == null) {
            throw new IllegalArgumentException("scenario settings are required");
        }
        if (abGap == 0 || costAccuracyGap == 0) {
            throw new IllegalArgumentException("the A/B and cost-check accuracy gaps must be non-zero");
        }
    }

    /** The full validation: 1000 A/A and 1000 A/B experiments, p = 0.65, gap -0.05, alpha 0.05. */
    public static ValidationConfig defaults() {
        return new ValidationConfig(20240611L, 1000, 1000, DEFAULT_SAMPLES_PER_ARM, 0.65, -0.05,
                MetricSpec.DEFAULT_ALPHA, 5000, 0.45, 1000, 200, -0.03, 20_000, ScenarioSettings.defaults());
    }

    public ValidationConfig withSeed(long newSeed) {
        return new ValidationConfig(newSeed, aaExperiments, abExperiments, samplesPerExperiment, baselineAccuracy,
                abGap, alpha, srmTotal, srmObservedShare, srmReplications, costExperiments, costAccuracyGap,
                costMaxSamplesPerArm, scenarios);
    }

    public ValidationConfig withExperiments(int newAaExperiments, int newAbExperiments) {
        return new ValidationConfig(seed, newAaExperiments, newAbExperiments, samplesPerExperiment, baselineAccuracy,
                abGap, alpha, srmTotal, srmObservedShare, srmReplications, costExperiments, costAccuracyGap,
                costMaxSamplesPerArm, scenarios);
    }

    public ValidationConfig withAccuracy(double newBaselineAccuracy, double newAbGap) {
        return new ValidationConfig(seed, aaExperiments, abExperiments, samplesPerExperiment, newBaselineAccuracy,
                newAbGap, alpha, srmTotal, srmObservedShare, srmReplications, costExperiments, costAccuracyGap,
                costMaxSamplesPerArm, scenarios);
    }

    public ValidationConfig withCostCheck(int newCostExperiments, double newCostAccuracyGap, int newCostMaxSamplesPerArm) {
        return new ValidationConfig(seed, aaExperiments, abExperiments, samplesPerExperiment, baselineAccuracy,
                abGap, alpha, srmTotal, srmObservedShare, srmReplications, newCostExperiments, newCostAccuracyGap,
                newCostMaxSamplesPerArm, scenarios);
    }

    public ValidationConfig withSrm(long newSrmTotal, double newSrmObservedShare, int newSrmReplications) {
        return new ValidationConfig(seed, aaExperiments, abExperiments, samplesPerExperiment, baselineAccuracy,
                abGap, alpha, newSrmTotal, newSrmObservedShare, newSrmReplications, costExperiments, costAccuracyGap,
                costMaxSamplesPerArm, scenarios);
    }

    public ValidationConfig withScenarios(ScenarioSettings newScenarios) {
        return new ValidationConfig(seed, aaExperiments, abExperiments, samplesPerExperiment, baselineAccuracy,
                abGap, alpha, srmTotal, srmObservedShare, srmReplications, costExperiments, costAccuracyGap,
                costMaxSamplesPerArm, newScenarios);
    }

    private static void requireProbability(double p, String name) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), was " + p);
        }
    }
}
