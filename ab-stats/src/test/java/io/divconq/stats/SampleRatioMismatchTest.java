package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleRatioMismatchTest {

    private static final double[] EVEN = {0.5, 0.5};

    @Test
    void detectsA45To55SplitOf2000AgainstConfigured50To50() {
        SrmResult result = SampleRatioMismatch.test(new long[] {900, 1100}, EVEN);

        assertThat(result.chiSquare()).isCloseTo(20.0, within(1e-9));
        assertThat(result.degreesOfFreedom()).isEqualTo(1);
        assertThat(result.pValue()).isCloseTo(7.74e-6, within(0.01e-6));
        assertThat(result.mismatch()).isTrue();
    }

    @Test
    void doesNotFlagABalancedOrSlightlyNoisySplit() {
        assertThat(SampleRatioMismatch.test(new long[] {1000, 1000}, EVEN))
                .isEqualTo(new SrmResult(0.0, 1, 1.0, false));
        assertThat(SampleRatioMismatch.test(new long[] {1030, 970}, EVEN).mismatch()).isFalse();
    }

    @Test
    void pValueMatchesTheChiSquareTailAndTheThresholdIsConfigurable() {
        // 1049 vs 951 gives chi^2 = 4.802 on 1 df, p = 0.0284.
        SrmResult result = SampleRatioMismatch.test(new long[] {1049, 951}, EVEN, 0.05);

        assertThat(result.chiSquare()).isCloseTo(4.802, within(1e-9));
        assertThat(result.pValue()).isCloseTo(0.0284, within(0.0001));
        assertThat(result.mismatch()).isTrue();
        assertThat(SampleRatioMismatch.test(new long[] {1049, 951}, EVEN).mismatch()).isFalse();
    }

    @Test
    void supportsSeveralArmsAndUnnormalisedWeights() {
        SrmResult fine = SampleRatioMismatch.test(new long[] {2000, 1000, 1000}, new double[] {2, 1, 1});
        SrmResult broken = SampleRatioMismatch.test(new long[] {2000, 1200, 800}, new double[] {2, 1, 1});

        assertThat(fine.degreesOfFreedom()).isEqualTo(2);
        assertThat(fine.mismatch()).isFalse();
        assertThat(broken.mismatch()).isTrue();
    }

    @Test
    void noObservationsIsNoEvidence() {
        assertThat(SampleRatioMismatch.test(new long[] {0, 0}, EVEN).mismatch()).isFalse();
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> SampleRatioMismatch.test(new long[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleRatioMismatch.test(new long[] {1, 2}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleRatioMismatch.test(new long[] {-1, 2}, EVEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
