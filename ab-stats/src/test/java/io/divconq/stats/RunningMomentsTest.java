package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningMomentsTest {

    @Test
    void meanAndSampleVarianceOfAKnownSample() {
        RunningMoments m = RunningMoments.of(2, 4, 4, 4, 5, 5, 7, 9);

        assertThat(m.n()).isEqualTo(8);
        assertThat(m.mean()).isCloseTo(5.0, within(1e-12));
        assertThat(m.variance()).isCloseTo(32.0 / 7.0, within(1e-12));
        assertThat(m.standardDeviation()).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-12));
    }

    @Test
    void mergingChunksEqualsAddingSequentiallyAndIsCommutative() {
        SplittableRandom rng = new SplittableRandom(7);
        RunningMoments sequential = RunningMoments.EMPTY;
        RunningMoments[] chunks = {RunningMoments.EMPTY, RunningMoments.EMPTY, RunningMoments.EMPTY};
        for (int i = 0; i < 3000; i++) {
            double x = 0.01 * Math.exp(0.5 * rng.nextGaussian());
            sequential = sequential.add(x);
            int chunk = rng.nextInt(3);
            chunks[chunk] = chunks[chunk].add(x);
        }
        RunningMoments merged = chunks[0].merge(chunks[1]).merge(chunks[2]);
        RunningMoments otherOrder = chunks[2].merge(chunks[0].merge(chunks[1]));

        assertThat(chunks[0].merge(chunks[1])).isEqualTo(chunks[1].merge(chunks[0]));
        assertThat(merged.n()).isEqualTo(sequential.n()).isEqualTo(otherOrder.n());
        assertThat(merged.mean()).isCloseTo(sequential.mean(), within(1e-15));
        assertThat(merged.variance()).isCloseTo(sequential.variance(), within(1e-15));
        assertThat(otherOrder.variance()).isCloseTo(sequential.variance(), within(1e-15));
        assertThat(RunningMoments.EMPTY.merge(chunks[0])).isEqualTo(chunks[0]);
    }

    @Test
    void varianceIsZeroBelowTwoObservationsAndMeanUndefinedWhenEmpty() {
        assertThat(RunningMoments.EMPTY.variance()).isZero();
        assertThat(RunningMoments.EMPTY.mean()).isNaN();
        assertThat(RunningMoments.of(3.5).variance()).isZero();
        assertThat(RunningMoments.of(3.5).mean()).isEqualTo(3.5);
    }

    @Test
    void cancellationNeverYieldsANegativeVariance() {
        RunningMoments constant = RunningMoments.EMPTY;
        for (int i = 0; i < 10_000; i++) {
            constant = constant.add(0.1);
        }
        RunningMoments large = RunningMoments.of(1e9 + 0.1, 1e9 + 0.1, 1e9 + 0.1);

        assertThat(constant.variance()).isBetween(0.0, 1e-12);
        assertThat(large.variance()).isGreaterThanOrEqualTo(0.0);
        assertThat(large.standardDeviation()).isNotNaN();
    }

    @Test
    void rejectsNonFiniteObservationsAndInvalidState() {
        assertThatThrownBy(() -> RunningMoments.EMPTY.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunningMoments.EMPTY.add(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunningMoments(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
