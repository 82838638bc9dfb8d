package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatsValidationTest {

    private static final ValidationConfig SMALL = ValidationConfig.defaults()
            .withExperiments(200, 200)
            .withSrm(5000, 0.45, 200)
            .withCostCheck(40, -0.03, 20_000)
            .withScenarios(ScenarioSettings.defaults().withExperiments(100));

    private static ValidationReport report;

    @BeforeAll
    static void runSmallValidation() {
        report = StatsValidation.run(SMALL);
    }

    @Test
    void alwaysValidIntervalKeepsTheAaFalsePositiveRateBelowAlphaUnderContinuousPeeking() {
        assertThat(report.aaExperiments()).isEqualTo(200);
        assertThat(report.aaFalsePositiveRate()).isLessThanOrEqualTo(0.05);
        assertThat(report.aaCostFalsePositiveRate()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void aNaiveFixedHorizonIntervalPeekedAfterEveryResultHasFarMoreFalsePositives() {
        assertThat(report.naivePeekingFalsePositiveRate()).isGreaterThan(0.15);
        assertThat(report.naivePeekingFalsePositiveRate()).isGreaterThan(3 * report.aaFalsePositiveRate());
    }

    @Test
    void fivePointGapIsFoundAtThePlannedSampleSize() {
        assertThat(report.samplesPerArm()).isEqualTo(ValidationConfig.DEFAULT_SAMPLES_PER_ARM);
        assertThat(report.power()).isGreaterThanOrEqualTo(0.7);
        assertThat(report.medianSamplesToVerdict()).isLessThanOrEqualTo(2.0 * report.samplesPerArm());
    }

    @Test
    void sampleRatioMismatchIsFlaggedForA45To55DesignAndNotForABalancedOne() {
        assertThat(report.srmDetected()).isTrue();
        assertThat(report.srmPValue()).isLessThan(0.001);
        assertThat(report.srmFalseAlarmOnBalanced()).isFalse();
        assertThat(report.srmDetectionRate()).isGreaterThan(0.99);
        assertThat(report.srmFalseAlarmRate()).isLessThan(0.02);
    }

    @Test
    void aFiveTimesCheaperDecompositionReachesACostVerdictSoonerThanAThreePointAccuracyGap() {
        assertThat(report.medianResultsToCostVerdict()).isLessThan(3000);
        assertThat(report.medianResultsToAccuracyVerdict()).isGreaterThan(3 * report.medianResultsToCostVerdict());
    }

    @Test
    void everyAdversarialScenarioRunsInOrderAndPasses() {
        assertThat(report.scenarios()).extracting(ScenarioResult::scenario).containsExactly(
                "aa-accuracy", "power-accuracy-5pt", "aa-cost-equal-tails", "aa-cost-unequal-tails", "aa-cost-rare-100x",
                "unusable-30pct-never-better", "unusable-30pct-detected-worse", "srm-ramp-50-50-to-90-10",
                "srm-split-bug-45-55", "power-cost-20pct");
        // 100 experiments are too few for the 95% upper bound to reach the limits; the full run (1,000) checks those.
        assertThat(report.scenarios()).filteredOn(r -> r.kind() == ScenarioResult.Kind.FALSE_POSITIVE)
                .allSatisfy(r -> assertThat(r.rate()).as(r.scenario()).isLessThanOrEqualTo(r.limit()));
        assertThat(report.scenarios()).filteredOn(r -> r.kind() == ScenarioResult.Kind.DETECTION)
                .filteredOn(r -> !r.scenario().startsWith("power-accuracy"))
                .allSatisfy(r -> assertThat(r.rate()).as(r.scenario()).isGreaterThanOrEqualTo(r.limit()));
        assertThat(report.scenarios().get(2).experiments()).isEqualTo(100);
    }

    @Test
    void theNormalMixtureCostIntervalUsedBeforeIsFooledByUnequalTails() {
        ScenarioResult unequal = report.scenarios().get(3);

        assertThat(unequal.rate()).isZero();
        assertThat(unequal.description()).containsPattern("used before: 0\\.[1-9]");
    }

    @Test
    void theSameConfigGivesTheSameReport() {
        ValidationConfig tiny = SMALL.withExperiments(20, 20).withCostCheck(5, -0.03, 2000).withSrm(1000, 0.45, 10)
                .withScenarios(ScenarioSettings.defaults().withExperiments(3));

        assertThat(StatsValidation.run(tiny)).isEqualTo(StatsValidation.run(tiny));
        assertThat(StatsValidation.run(tiny.withSeed(99))).isNotEqualTo(StatsValidation.run(tiny));
    }

    @Test
    void falsePositiveRateStaysBelowAlphaAtAnExtremeBaselineAccuracy() {
        ValidationReport extreme = StatsValidation.run(SMALL.withAccuracy(0.95, -0.05).withExperiments(200, 0)
                .withCostCheck(0, -0.03, 1).withScenarios(ScenarioSettings.defaults().withExperiments(0)));

        assertThat(extreme.aaFalsePositiveRate()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void falsePositiveRateStaysBelowAlphaWithAnUnevenTrafficSplit() {
        MetricSpec accuracy = MetricSpec.accuracy();
        PeekingSimulator.Draw[] arm = {PeekingSimulator.bernoulli(0.65)};
        SplittableRandom master = new SplittableRandom(5);
        int experiments = 200;
        int falsePositives = 0;
        for (int e = 0; e < experiments; e++) {
            int first = PeekingSimulator.firstExclusions(master.split(), 0.2, arm, arm, 7000,
                    new PeekingSimulator.Check(0, PeekingSimulator.alwaysValid(accuracy)))[0];
            falsePositives += first != 0 ? 1 : 0;
        }

        assertThat((double) falsePositives / experiments).isLessThanOrEqualTo(0.05);
    }

    @Test
    void configRejectsAZeroGapAndImpossibleAccuracies() {
        assertThatThrownBy(() -> SMALL.withAccuracy(0.65, 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SMALL.withAccuracy(0.98, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }
}
