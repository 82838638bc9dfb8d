package io.divconq.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a failed model call is retried: at most {@code maxAttempts} HTTP attempts, with
 * exponential backoff and full jitter between them (a uniform delay in [0, min(maxBackoff, initialBackoff *
 * multiplier^(n-1))] after the n-th failure). A {@code Retry-After} header on 429/503 replaces the backoff, capped at
 * {@link #retryAfterCap()}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    /** 5 attempts, 200 ms initial backoff doubling up to 10 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0);

    /** A server's {@code Retry-After} is honoured up to this multiple of {@code maxBackoff}. */
    public static final int RETRY_AFTER_CAP_FACTOR = 3;

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + " and " + maxBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
    }

    /** A single attempt, no retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }

    /** The upper bound of the jittered backoff after {@code failedAttempts} (>= 1) failures. */
    public Duration backoffCeiling(int failedAttempts) {
        double factor = Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double nanos = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() * factor);
        return Duration.ofNanos((long) nanos);
    }

    /** The full-jitter delay before the next attempt after {@code failedAttempts} (>= 1) failures. */
    public Duration backoff(int failedAttempts, RandomGenerator random) {
        long ceiling = backoffCeiling(failedAttempts).toNanos();
        return ceiling <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }

    /** The longest server-requested {@code Retry-After} wait that is obeyed as is. */
    public Duration retryAfterCap() {
        return maxBackoff.multipliedBy(RETRY_AFTER_CAP_FACTOR);
    }
}
