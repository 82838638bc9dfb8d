package io.divconq.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Test
    void unlimitedNeverWaits() {
        RateLimiter limiter = RateLimiter.of(0, 0, clock::get);

        assertThat(limiter.isUnlimited()).isTrue();
        assertThat(limiter.reserve(1_000_000)).isZero();
    }

    @Test
    void requestsAreSpacedEvenlyAtTheConfiguredRate() {
        RateLimiter limiter = RateLimiter.of(5, 0, clock::get);

        assertThat(limiter.reserve(10)).isZero();
        assertThat(ms(limiter.reserve(10))).isEqualTo(200);
        assertThat(ms(limiter.reserve(10))).isEqualTo(400);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_000));
        // A second later the backlog (last slot at +400 ms) is gone and one request may go at once.
        assertThat(limiter.reserve(10)).isZero();
        assertThat(ms(limiter.reserve(10))).isEqualTo(200);
    }

    @Test
    void tokenBudgetAllowsAMinuteOfTokensThenWaitsForRefill() {
        RateLimiter limiter = RateLimiter.of(0, 6_000, clock::get); // 100 tokens per second

        assertThat(limiter.reserve(6_000)).isZero();
        assertThat(ms(limiter.reserve(500))).isEqualTo(5_000);
    }

    @Test
    void settlingRealUsageReturnsOverestimatedTokens() {
        RateLimiter limiter = RateLimiter.of(0, 6_000, clock::get);

        assertThat(limiter.reserve(6_000)).isZero();
        limiter.settleTokens(6_000, 1_000); // 5000 tokens were not used
        assertThat(limiter.reserve(5_000)).isZero();
        assertThat(ms(limiter.reserve(100))).isEqualTo(1_000);
    }

    @Test
    void anOversizedRequestWaitsForAFullBucketInsteadOfForever() {
        RateLimiter limiter = RateLimiter.of(0, 600, clock::get); // 10 tokens per second

        assertThat(limiter.reserve(100)).isZero();
        assertThat(ms(limiter.reserve(1_000))).isEqualTo(10_000); // refill the 100 spent, then go into debt
        assertThat(ms(limiter.reserve(10))).isGreaterThan(10_000);
    }

    @Test
    void bothLimitsApplyAndTheStricterWins() {
        RateLimiter limiter = RateLimiter.of(100, 60, clock::get); // 1 token per second

        assertThat(limiter.reserve(60)).isZero();
        assertThat(ms(limiter.reserve(2))).isEqualTo(2_000);
    }
}
