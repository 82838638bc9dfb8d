package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmpiricalBernsteinTest {

    @Test
    void theBoundaryIsTheStitchedSubGammaBoundaryOfHowardEtAl() {
        double c = 1.0;
        double alpha = 0.025;
        double v = 250.0;
        double eta = 2.0;
        double s = 1.4;
        double m = 1e-4;
        double ell = s * Math.log(Math.log(eta * v / m)) + Math.log(3.1055472779775 / (alpha * Math.pow(Math.log(eta), s)));
        double k1 = (Math.pow(eta, 0.25) + Math.pow(eta, -0.25)) / Math.sqrt(2);
        double k2 = (Math.sqrt(eta) + 1) / 2;

        assertThat(EmpiricalBernstein.boundary(v, c, alpha))
                .isCloseTo(Math.sqrt(k1 * k1 * v * ell + k2 * k2 * c * c * ell * ell) + k2 * c * ell, within(1e-9));
        assertThat(EmpiricalBernstein.boundary(0.0, c, alpha)).isEqualTo(EmpiricalBernstein.boundary(m, c, alpha));
    }

    @Test
    void anEmptyArmKnowsOnlyTheRange() {
        assertThat(EmpiricalBernstein.mean(RunningMoments.EMPTY, 2.0, 0.05)).isEqualTo(new Interval(0.0, 2.0));
        assertThat(EmpiricalBernstein.difference(RunningMoments.EMPTY, RunningMoments.EMPTY, 2.0, 0.05))
                .isEqualTo(new Interval(-2.0, 2.0));
    }

    @Test
    void theDifferenceIsTheUnionOfBothArmsSequencesAtHalfTheLevel() {
        RunningMoments t = RunningMoments.of(0.010, 0.012, 0.009, 0.011, 0.013);
        RunningMoments c = RunningMoments.of(0.020, 0.025, 0.018);
        Interval ti = EmpiricalBernstein.mean(t, 0.1, 0.025);
        Interval ci = EmpiricalBernstein.mean(c, 0.1, 0.025);

        assertThat(EmpiricalBernstein.difference(t, c, 0.1, 0.05))
                .isEqualTo(new Interval(ti.lower() - ci.upper(), ti.upper() - ci.lower()));
    }

    @Test
    void aBoundedMetricSpecUsesEmpiricalBernsteinAndCannotBeBuiltWithoutABound() {
        RunningMoments arm = RunningMoments.of(0.01, 0.02, 0.03, 0.02);
        MetricSpec cost = MetricSpec.costUsd(0.001, 0.5);

        assertThat(ConfidenceSequences.mean(arm, cost)).isEqualTo(EmpiricalBernstein.mean(arm, 0.5, 0.05));
        assertThatThrownBy(() -> MetricSpec.costUsd(0.001, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIntervalNarrowsAsResultsAccumulateAndDetectsAClearGap() {
        SplittableRandom rng = new SplittableRandom(3);
        RunningMoments cheap = RunningMoments.EMPTY;
        RunningMoments dear = RunningMoments.EMPTY;
        for (int i = 0; i < 5000; i++) {
            cheap = cheap.add(Math.min(0.2, 0.008 * Math.exp(0.5 * rng.nextGaussian())));
            dear = dear.add(Math.min(0.2, 0.016 * Math.exp(0.5 * rng.nextGaussian())));
        }
        Interval diff = EmpiricalBernstein.difference(cheap, dear, 0.2, 0.05);

        assertThat(diff.upper()).isNegative();
        assertThat(diff.contains(0.008 * Math.exp(0.125) - 0.016 * Math.exp(0.125))).isTrue();
        assertThat(EmpiricalBernstein.mean(cheap, 0.2, 0.05).width())
                .isLessThan(EmpiricalBernstein.mean(RunningMoments.of(0.008, 0.009), 0.2, 0.05).width() / 50);
    }

    @Test
    void theTrueMeanOfAHeavyTailedBoundedArmIsCoveredAtEveryPeek() {
        SplittableRandom master = new SplittableRandom(11);
        double bound = 2.0;
        double mu = Math.log(0.002);
        double trueMean = AdversarialScenarios.clippedLogNormalMean(mu, 2.0, bound);
        int runs = 300;
        int misses = 0;
        for (int r = 0; r < runs; r++) {
            SplittableRandom rng = master.split();
            RunningMoments arm = RunningMoments.EMPTY;
            for (int i = 0; i < 2000; i++) {
                arm = arm.add(Math.min(bound, Math.exp(mu + 2.0 * rng.nextGaussian())));
                if (!EmpiricalBernstein.mean(arm, bound, 0.05).contains(trueMean)) {
                    misses++;
                    break;
                }
            }
        }

        assertThat((double) misses / runs).isLessThanOrEqualTo(0.05);
    }

    @Test
    void thePredictableSquaresCentreEachResultOnTheMeanOfTheEarlierOnes() {
        RunningMoments m = RunningMoments.of(1.0, 3.0, 2.0);

        // (1 - 0)^2 + (3 - 1)^2 + (2 - 2)^2
        assertThat(m.predictableSquares()).isEqualTo(5.0);
        assertThat(new RunningMoments(3, 6.0, 14.0).predictableSquares()).isEqualTo(14.0);
    }
}
