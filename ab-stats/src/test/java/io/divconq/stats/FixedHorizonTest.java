package io.divconq.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FixedHorizonTest {

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        Interval half = FixedHorizon.wilson(50, 100, 0.05);
        Interval none = FixedHorizon.wilson(0, 10, 0.05);

        assertThat(half.lower()).isCloseTo(0.4038, within(1e-4));
        assertThat(half.upper()).isCloseTo(0.5962, within(1e-4));
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(0.2775, within(1e-4));
        assertThat(FixedHorizon.wilson(0, 0, 0.05)).isEqualTo(new Interval(0, 1));
        assertThatThrownBy(() -> FixedHorizon.wilson(11, 10, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void welchIntervalUsesSatterthwaiteDegreesOfFreedom() {
        Interval interval = FixedHorizon.welch(RunningMoments.of(1, 2, 3, 4, 5), RunningMoments.of(2, 4, 6, 8, 10), 0.05);

        assertThat(interval.lower()).isCloseTo(-6.8877, within(1e-3));
        assertThat(interval.upper()).isCloseTo(0.8877, within(1e-3));
        assertThat(FixedHorizon.welch(RunningMoments.of(1), RunningMoments.of(1, 2), 0.05)).isEqualTo(Interval.UNBOUNDED);
    }

    @Test
    void zQuantile() {
        assertThat(FixedHorizon.zQuantile(0.05)).isCloseTo(1.959964, within(1e-6));
    }
}
