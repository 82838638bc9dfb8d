package io.divconq.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.llm.CircuitBreaker.State;
import io.divconq.llm.CircuitBreaker.Transition;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker(
            new CircuitBreaker.Settings(3, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(10)), now::get);

    private void advance(long millis) {
        now.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    private boolean pass() {
        return breaker.tryPass(new Transition[1]);
    }

    @Test
    void opensAfterConsecutiveFaultsOnlyAndAReplyResetsTheCount() {
        assertThat(breaker.onFault()).isNull();
        assertThat(breaker.onFault()).isNull();
        assertThat(breaker.onReply()).isNull();
        assertThat(breaker.onFault()).isNull();
        assertThat(breaker.onFault()).isNull();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        Transition opened = breaker.onFault();

        assertThat(opened).isEqualTo(new Transition(State.CLOSED, State.OPEN, 3, Duration.ZERO));
        assertThat(pass()).isFalse();
    }

    @Test
    void probesOnceWhenDueThenClosesOnAReply() {
        breaker.onFault();
        breaker.onFault();
        breaker.onFault();
        advance(99);
        assertThat(pass()).isFalse();
        advance(1);

        Transition[] t = new Transition[1];
        assertThat(breaker.tryPass(t)).isTrue();
        assertThat(t[0].to()).isEqualTo(State.HALF_OPEN);
        assertThat(pass()).as("only one probe at a time").isFalse();

        advance(50);
        Transition closed = breaker.onReply();
        assertThat(closed).isEqualTo(new Transition(State.HALF_OPEN, State.CLOSED, 0, Duration.ofMillis(150)));
        assertThat(pass()).isTrue();
        assertThat(breaker.unavailableFor()).isZero();
    }

    @Test
    void aFailedProbeReopensWithADoublingDelayCappedAtProbeMax() {
        for (int i = 0; i < 3; i++) breaker.onFault();
        long[] expectedDelays = {200, 400, 400};
        for (long expected : expectedDelays) {
            advance(breaker.untilProbe().toMillis());
            assertThat(pass()).isTrue();
            assertThat(breaker.onFault().to()).isEqualTo(State.OPEN);
            assertThat(breaker.untilProbe()).isEqualTo(Duration.ofMillis(expected));
        }
    }

    @Test
    void outageCountsFromTheFirstFaultOfTheStreak() {
        breaker.onFault();
        advance(4_000);
        breaker.onFault();
        breaker.onFault();
        advance(6_000);
        assertThat(breaker.outageExceeded()).isFalse();
        advance(1);
        assertThat(breaker.outageExceeded()).isTrue();
        assertThat(breaker.unavailableFor()).isEqualTo(Duration.ofMillis(10_001));
    }
}
