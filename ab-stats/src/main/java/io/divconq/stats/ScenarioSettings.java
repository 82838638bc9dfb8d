package io.divconq.stats;

/**
 * Settings of the adversarial scenarios of {@code validate-stats}.
 *
 * @param experiments           seeded experiments per scenario (0 skips the scenarios)
 * @param costBoundUsd          the largest possible cost per problem (max tokens times price) in the heavy-tailed A/A
 *                              scenarios, over 100x the median cost; costs are clipped here
 * @param typicalCostBoundUsd   the bound in the power scenario and the cost-versus-accuracy check (12x the median):
 *                              the time to a cost verdict grows with the bound
 * @param costPowerSamplesPerArm per-arm horizon of the 20%-cost-gap power scenario
 * @param rampAfter             assignments before the 50/50 to 90/10 weight change
 * @param srmResults            results per SRM scenario experiment
 */
public record ScenarioSettings(int experiments, double costBoundUsd, double typicalCostBoundUsd,
                               int costPowerSamplesPerArm, int rampAfter, int srmResults) {

    public ScenarioSettings {
        if (experiments < 0 || costPowerSamplesPerArm < 1 || rampAfter < 0 || srmResults < 1
                || costPowerSamplesPerArm > ValidationConfig.MAX_SAMPLES_PER_ARM) {
            throw new IllegalArgumentException("scenario sizes must be positive");
        }
        if (!(costBoundUsd > 0) || Double.isInfinite(costBoundUsd)
                || !(typicalCostBoundUsd > 0) || Double.isInfinite(typicalCostBoundUsd)) {
            throw new IllegalArgumentException("cost bounds must be positive and finite");
        }
    }

    /**
     * 1,000 experiments each; bounds $2 (125x the median cost) and $0.2; power horizon 10,000 per arm; ramp after
     * 1,000 assignments; 10,000 SRM results.
     */
    public static ScenarioSettings defaults() {
        return new ScenarioSettings(1000, 2.0, 0.2, 10_000, 1000, 10_000);
    }

    public ScenarioSettings withExperiments(int newExperiments) {
        return new ScenarioSettings(newExperiments, costBoundUsd, typicalCostBoundUsd, costPowerSamplesPerArm,
                rampAfter, srmResults);
    }
}
