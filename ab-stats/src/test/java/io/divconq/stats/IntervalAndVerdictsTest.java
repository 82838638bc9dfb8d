package io.divconq.stats;

import static io.divconq.stats.Direction.HIGHER_IS_BETTER;
import static io.divconq.stats.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalAndVerdictsTest {

    @Test
    void intervalHelpers() {
        Interval interval = new Interval(-0.01, 0.03);

        assertThat(interval.contains(0.0)).isTrue();
        assertThat(interval.contains(0.031)).isFalse();
        assertThat(interval.width()).isCloseTo(0.04, within(1e-15));
        assertThat(interval.excludesZero()).isFalse();
        assertThat(new Interval(0.001, 0.2).excludesZero()).isTrue();
        assertThat(new Interval(-0.2, -0.001).excludesZero()).isTrue();
        assertThat(interval.within(0.05)).isTrue();
        assertThat(interval.within(0.03)).isFalse();
        assertThat(Interval.UNBOUNDED.excludesZero()).isFalse();
        assertThat(new Interval(-3, 0.5).clip(-1, 1)).isEqualTo(new Interval(-1, 0.5));
        assertThat(new Interval(2, 3).clip(0, 1)).isEqualTo(new Interval(1, 1));
        assertThatThrownBy(() -> new Interval(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void higherIsBetterReadsThePositiveSideAsBetter() {
        assertThat(Verdicts.decide(new Interval(0.01, 0.08), 0.02, HIGHER_IS_BETTER)).isEqualTo(Verdict.BETTER);
        assertThat(Verdicts.decide(new Interval(-0.08, -0.01), 0.02, HIGHER_IS_BETTER)).isEqualTo(Verdict.WORSE);
    }

    @Test
    void lowerIsBetterReadsTheNegativeSideAsBetter() {
        assertThat(Verdicts.decide(new Interval(-0.008, -0.006), 0.001, LOWER_IS_BETTER)).isEqualTo(Verdict.BETTER);
        assertThat(Verdicts.decide(new Interval(0.006, 0.008), 0.001, LOWER_IS_BETTER)).isEqualTo(Verdict.WORSE);
    }

    @Test
    void equivalentOnlyWhenTheWholeIntervalIsInsideTheMargin() {
        assertThat(Verdicts.decide(new Interval(-0.015, 0.012), 0.02, HIGHER_IS_BETTER)).isEqualTo(Verdict.EQUIVALENT);
        assertThat(Verdicts.decide(new Interval(-0.025, 0.012), 0.02, HIGHER_IS_BETTER))
                .isEqualTo(Verdict.NO_DIFFERENCE_YET);
        assertThat(Verdicts.decide(new Interval(-0.02, 0.01), 0.02, LOWER_IS_BETTER))
                .isEqualTo(Verdict.NO_DIFFERENCE_YET);
        assertThat(Verdicts.decide(Interval.UNBOUNDED, 0.02, HIGHER_IS_BETTER)).isEqualTo(Verdict.NO_DIFFERENCE_YET);
        assertThat(Verdicts.decide(new Interval(-0.01, 0.01), 0.0, HIGHER_IS_BETTER))
                .isEqualTo(Verdict.NO_DIFFERENCE_YET);
    }

    @Test
    void aSignificantDifferenceTakesPrecedenceOverEquivalence() {
        assertThat(Verdicts.decide(new Interval(0.001, 0.005), 0.02, HIGHER_IS_BETTER)).isEqualTo(Verdict.BETTER);
    }

    @Test
    void rejectsANegativeMargin() {
        assertThatThrownBy(() -> Verdicts.decide(new Interval(0, 1), -0.1, HIGHER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
