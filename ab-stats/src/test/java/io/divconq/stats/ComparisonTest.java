package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void aMuchCheaperTreatmentIsBetterOnCost() {
        RunningMoments treatment = RunningMoments.EMPTY;
        RunningMoments control = RunningMoments.EMPTY;
        for (int i = 0; i < 60; i++) {
            double wobble = (i % 2 == 0 ? 1 : -1) * 0.0005 * (1 + i % 3);
            treatment = treatment.add(0.007 + wobble);
            control = control.add(0.015 + wobble);
        }

        Comparison comparison = Comparison.of(treatment, control, MetricSpec.costUsdNormalMixture(0.001, 1000));

        assertThat(comparison.metric()).isEqualTo("cost_usd");
        assertThat(comparison.treatmentN()).isEqualTo(60);
        assertThat(comparison.difference()).isCloseTo(-0.008, within(1e-12));
        assertThat(comparison.relativeDifference()).isCloseTo(-0.008 / 0.015, within(1e-9));
        assertThat(comparison.interval().upper()).isNegative();
        assertThat(comparison.verdict()).isEqualTo(Verdict.BETTER);
    }

    @Test
    void equalLargeArmsAreEquivalentOnAccuracy() {
        RunningMoments arm = new RunningMoments(20_000, 13_000, 13_000);

        Comparison comparison = Comparison.of(arm, arm, MetricSpec.accuracy());

        assertThat(comparison.difference()).isZero();
        assertThat(comparison.relativeDifference()).isZero();
        assertThat(comparison.verdict()).isEqualTo(Verdict.EQUIVALENT);
    }

    @Test
    void emptyArmsGiveNoVerdictAndUndefinedDifferences() {
        Comparison comparison = Comparison.of(RunningMoments.EMPTY, RunningMoments.EMPTY, MetricSpec.accuracy());

        assertThat(comparison.difference()).isNaN();
        assertThat(comparison.relativeDifference()).isNaN();
        assertThat(comparison.verdict()).isEqualTo(Verdict.NO_DIFFERENCE_YET);
    }

    @Test
    void dollarsPerCorrectIsTheRatioOfMeanCostToAccuracy() {
        RunningMoments cost = RunningMoments.of(0.01, 0.03);
        RunningMoments correctness = RunningMoments.of(1, 0, 1, 1);

        assertThat(CostEfficiency.dollarsPerCorrect(cost, correctness)).isCloseTo(0.02 / 0.75, within(1e-12));
        assertThat(CostEfficiency.dollarsPerCorrect(cost, RunningMoments.of(0, 0))).isInfinite();
        assertThat(CostEfficiency.dollarsPerCorrect(RunningMoments.EMPTY, correctness)).isNaN();
    }

    @Test
    void mixingVarianceChoices() {
        assertThat(MixingVariance.forExpectedEffect(0.05).tauSquared(0.45, 0.05)).isCloseTo(0.0025, within(1e-15));
        assertThat(new MixingVariance.TunedForSampleSize(1000).tauSquared(0.45, 0.05))
                .isCloseTo(ConfidenceSequences.optimalMixingRatio(0.05) * 0.45 / 1000, within(1e-15));
        assertThatThrownBy(() -> new MixingVariance.Fixed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MixingVariance.TunedForSampleSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSpec.accuracy().withAlpha(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
