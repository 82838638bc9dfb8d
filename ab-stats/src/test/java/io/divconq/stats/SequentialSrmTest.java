package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class SequentialSrmTest {

    @Test
    void theBayesFactorIsTheDirichletMultinomialOneOfLindonAndMalek() {
        SequentialSrm.Epoch epoch = new SequentialSrm.Epoch(new long[] {30, 70}, new double[] {1, 1});
        double k = SequentialSrm.PRIOR_CONCENTRATION;
        double expected = Gamma.logGamma(k) - Gamma.logGamma(k + 100)
                + Gamma.logGamma(50 + 30) - Gamma.logGamma(50) + Gamma.logGamma(50 + 70) - Gamma.logGamma(50)
                - 100 * Math.log(0.5);

        assertThat(SequentialSrm.logBayesFactor(epoch)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void epochsMultiplyAndTheSimulatorsIncrementalUpdateAgreesWithTheClosedForm() {
        SequentialSrm.Epoch before = new SequentialSrm.Epoch(new long[] {520, 480}, new double[] {50, 50});
        SequentialSrm.Epoch after = new SequentialSrm.Epoch(new long[] {880, 120}, new double[] {90, 10});

        SequentialSrm.Result both = SequentialSrm.test(List.of(before, after), 0.001);

        assertThat(both.logBayesFactor())
                .isCloseTo(SequentialSrm.logBayesFactor(before) + SequentialSrm.logBayesFactor(after), within(1e-9));
        assertThat(both.mismatch()).isFalse();
        assertThat(both.pValue()).isEqualTo(Math.min(1.0, Math.exp(-both.logBayesFactor())));
    }

    @Test
    void countsJudgedUnderTheWeightsTheyWereAssignedWithStayQuietWhilePoolingThemWouldNot() {
        SequentialSrm.Epoch oldWeights = new SequentialSrm.Epoch(new long[] {1000, 1000}, new double[] {50, 50});
        SequentialSrm.Epoch newWeights = new SequentialSrm.Epoch(new long[] {900, 100}, new double[] {90, 10});
        SequentialSrm.Epoch pooledAgainstNew = new SequentialSrm.Epoch(new long[] {1900, 1100}, new double[] {90, 10});

        assertThat(SequentialSrm.test(List.of(oldWeights, newWeights), 0.001).mismatch()).isFalse();
        assertThat(SequentialSrm.test(List.of(pooledAgainstNew), 0.001).mismatch()).isTrue();
    }

    @Test
    void aResultForAnArmWithoutWeightIsAMismatch() {
        SequentialSrm.Epoch epoch = new SequentialSrm.Epoch(new long[] {10, 1}, new double[] {1, 0});

        assertThat(SequentialSrm.test(List.of(epoch), 0.001).mismatch()).isTrue();
    }

    @Test
    void aRampWithProblemsInFlightNeverAlarmsAndA45To55BugAlwaysDoes() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] ramp = {{0.5, 0.5}, {0.9, 0.1}};
        int alarms = 0;
        int detections = 0;
        for (int e = 0; e < 100; e++) {
            alarms += AdversarialScenarios.everFlagged(rng.split(), ramp, ramp, 500, 3000, 128) ? 1 : 0;
            detections += AdversarialScenarios.everFlagged(rng.split(), new double[][] {{0.5, 0.5}},
                    new double[][] {{0.45, 0.55}}, Integer.MAX_VALUE, 10_000, 128) ? 1 : 0;
        }

        assertThat(alarms).isZero();
        assertThat(detections).isEqualTo(100);
    }
}
