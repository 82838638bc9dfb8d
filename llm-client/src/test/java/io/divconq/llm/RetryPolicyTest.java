package io.divconq.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void defaultsAreFiveAttemptsFrom200MsDoublingTo10s() {
        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.backoffCeiling(20)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.retryAfterCap()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterSpreadsDelaysOverZeroToCeiling() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = policy.backoff(3, random).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isBetween(0L, 40L);
        assertThat(max).isBetween(760L, 800L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2025-10-21T07:28:00Z");

        assertThat(RetryAfter.parse("1", now)).hasValue(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse(" 120 ", now)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Tue, 21 Oct 2025 07:28:30 GMT", now)).hasValue(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 21 Oct 2025 07:00:00 GMT", now)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
