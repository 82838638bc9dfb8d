package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfidenceSequencesTest {

    private static final double ALPHA = 0.05;

    @Test
    void halfWidthEqualsTheNormalMixtureBoundaryInTheAsymptoticCsParametrisation() {
        // Waudby-Smith et al.: sigma * sqrt( 2 (t rho^2 + 1) / (t^2 rho^2) * ln( sqrt(t rho^2 + 1) / alpha ) ),
        // which is the Johari et al. form with V = sigma^2 / t and tau^2 = sigma^2 rho^2.
        double sigmaSquared = 0.2;
        double t = 400;
        double rhoSquared = 0.01;
        double expected = Math.sqrt(sigmaSquared) * Math.sqrt(2 * (t * rhoSquared + 1) / (t * t * rhoSquared)
                * Math.log(Math.sqrt(t * rhoSquared + 1) / ALPHA));

        double actual = ConfidenceSequences.halfWidth(sigmaSquared / t, sigmaSquared * rhoSquared, ALPHA);

        assertThat(actual).isCloseTo(expected, within(1e-12));
    }

    @Test
    void optimalMixingRatioMinimisesTheWidthAndCostsAboutHalfAgainTheFixedHorizonWidth() {
        double r = ConfidenceSequences.optimalMixingRatio(ALPHA);
        double v = 1e-4;
        double best = ConfidenceSequences.halfWidth(v, r * v, ALPHA);

        assertThat(r).isCloseTo(8.21, within(0.01));
        assertThat(best).isLessThan(ConfidenceSequences.halfWidth(v, 0.8 * r * v, ALPHA));
        assertThat(best).isLessThan(ConfidenceSequences.halfWidth(v, 1.25 * r * v, ALPHA));
        assertThat(best / (FixedHorizon.zQuantile(ALPHA) * Math.sqrt(v))).isBetween(1.0, 1.6);
        assertThat(ConfidenceSequences.optimalMixingRatio(0.01)).isGreaterThan(r);
    }

    @Test
    void degenerateVarianceGivesDegenerateWidths() {
        assertThat(ConfidenceSequences.halfWidth(0.0, 0.0025, ALPHA)).isZero();
        assertThat(ConfidenceSequences.halfWidth(1e-3, 0.0, ALPHA)).isInfinite();
    }

    @Test
    void singleArmSequenceCoversTheTrueAccuracyAtEveryPeek() {
        double p = 0.65;
        MetricSpec spec = MetricSpec.accuracy();
        SplittableRandom master = new SplittableRandom(11);
        int runs = 2000;
        int missed = 0;
        for (int run = 0; run < runs; run++) {
            SplittableRandom rng = master.split();
            RunningMoments arm = RunningMoments.EMPTY;
            for (int i = 0; i < 2000; i++) {
                arm = arm.add(rng.nextDouble() < p ? 1 : 0);
                Interval interval = ConfidenceSequences.mean(arm, spec);
                if (!interval.contains(p) || interval.lower() < 0 || interval.upper() > 1) {
                    missed++;
                    break;
                }
            }
        }
        assertThat((double) missed / runs).isLessThanOrEqualTo(ALPHA);
    }

    @Test
    void largeSampleIntervalContainsTheMeanAndShrinks() {
        RunningMoments small = new RunningMoments(100, 65, 65);
        RunningMoments large = new RunningMoments(10_000, 6500, 6500);

        Interval wide = ConfidenceSequences.mean(small, MetricSpec.accuracy());
        Interval narrow = ConfidenceSequences.mean(large, MetricSpec.accuracy());

        assertThat(wide.contains(0.65)).isTrue();
        assertThat(narrow.contains(0.65)).isTrue();
        assertThat(narrow.width()).isLessThan(wide.width() / 5).isLessThan(0.05);
    }

    @Test
    void emptyArmsOrArmsInBurnInGiveTheWidestInterval() {
        RunningMoments some = RunningMoments.of(0.01, 0.02, 0.03);
        MetricSpec cost = MetricSpec.costUsdNormalMixture(0.001, 1000);

        assertThat(ConfidenceSequences.difference(RunningMoments.EMPTY, RunningMoments.of(1), MetricSpec.accuracy()))
                .isEqualTo(new Interval(-1, 1));
        assertThat(ConfidenceSequences.mean(RunningMoments.EMPTY, MetricSpec.accuracy())).isEqualTo(new Interval(0, 1));
        assertThat(ConfidenceSequences.difference(some, some, cost)).isEqualTo(Interval.UNBOUNDED);
        assertThat(ConfidenceSequences.mean(some, cost)).isEqualTo(Interval.UNBOUNDED);
    }

    @Test
    void unanimousEarlyOutcomesDoNotProduceAVerdict() {
        RunningMoments allRight = RunningMoments.of(1, 1, 1, 1, 1, 1, 1, 1);
        RunningMoments allWrong = RunningMoments.of(0, 0, 0, 0, 0, 0, 0, 0);

        Interval diff = ConfidenceSequences.difference(allRight, allWrong, MetricSpec.accuracy());

        assertThat(ConfidenceSequences.armVariance(allRight, MetricKind.UNIT_INTERVAL)).isGreaterThan(0.1);
        assertThat(diff.contains(0.0)).isTrue();
    }

    @Test
    void aLargeDifferenceWithUnequalArmsIsDetectedAndCovered() {
        RunningMoments treatment = new RunningMoments(150, 135, 135);
        RunningMoments control = new RunningMoments(400, 200, 200);

        Interval diff = ConfidenceSequences.difference(treatment, control, MetricSpec.accuracy());

        assertThat(diff.lower()).isPositive();
        assertThat(diff.contains(0.4)).isTrue();
    }

    @Test
    void theDifferenceUsesTheSumOfPerArmVariancesOverTheirSizes() {
        RunningMoments treatment = RunningMoments.of(0.010, 0.012, 0.009, 0.011, 0.013, 0.010, 0.008, 0.012, 0.011, 0.010);
        RunningMoments control = RunningMoments.of(0.020, 0.025, 0.018, 0.022, 0.030, 0.021, 0.019, 0.024, 0.023, 0.020,
                0.022, 0.026);
        MetricSpec cost = MetricSpec.costUsdNormalMixture(0.001, 1000);
        double v = treatment.variance() / 10 + control.variance() / 12;
        double tauSquared = ConfidenceSequences.optimalMixingRatio(ALPHA) * (treatment.variance() + control.variance())
                / 1000;

        Interval diff = ConfidenceSequences.difference(treatment, control, cost);

        assertThat(diff.width() / 2).isCloseTo(ConfidenceSequences.halfWidth(v, tauSquared, ALPHA), within(1e-15));
        assertThat((diff.lower() + diff.upper()) / 2).isCloseTo(treatment.mean() - control.mean(), within(1e-15));
        assertThat(diff.upper()).isNegative();
    }
}
