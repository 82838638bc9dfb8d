package io.divconq.llm;

import java.util.function.LongSupplier;

/**
 * The client-side requests/second and tokens/minute limits of one endpoint. {@link #reserve(long)} books a slot and
 * says how long the caller must wait before sending; callers wait by scheduling, not by blocking.
 *
 * <p>The request bucket holds a tenth of a second of requests (at least one), so calls are spaced evenly rather
 * than burst; the token bucket holds a minute of tokens, as hosted APIs do.
 */
final class RateLimiter {

    private final TokenBucket requests;
    private final TokenBucket tokens;
    private final LongSupplier nanoClock;

    private RateLimiter(TokenBucket requests, TokenBucket tokens, LongSupplier nanoClock) {
        this.requests = requests;
        this.tokens = tokens;
        this.nanoClock = nanoClock;
    }

    static RateLimiter of(double requestsPerSecond, long tokensPerMinute, LongSupplier nanoClock) {
        long now = nanoClock.getAsLong();
        TokenBucket requestBucket = requestsPerSecond > 0
                ? new TokenBucket(Math.max(1.0, requestsPerSecond / 10), requestsPerSecond, now)
                : null;
        TokenBucket tokenBucket = tokensPerMinute > 0
                ? new TokenBucket(tokensPerMinute, tokensPerMinute / 60.0, now)
                : null;
        return new RateLimiter(requestBucket, tokenBucket, nanoClock);
    }

    boolean isUnlimited() {
        return requests == null && tokens == null;
    }

    /** Books one request using {@code estimatedTokens}; returns the nanoseconds to wait before sending it. */
    long reserve(long estimatedTokens) {
        if (isUnlimited()) {
            return 0;
        }
        synchronized (this) {
            long now = nanoClock.getAsLong();
            long start = now;
            if (requests != null) {
                start = Math.max(start, requests.earliestStart(1, now));
            }
            if (tokens != null) {
                start = Math.max(start, tokens.earliestStart(estimatedTokens, now));
            }
            if (requests != null) {
                requests.take(1, start);
            }
            if (tokens != null) {
                tokens.take(estimatedTokens, start);
            }
            return start - now;
        }
    }

    /** Corrects the token budget once real usage is known: gives back {@code estimated - actual}. */
    void settleTokens(long estimatedTokens, long actualTokens) {
        if (tokens != null) {
            synchronized (this) {
                tokens.adjust(estimatedTokens - actualTokens);
            }
        }
    }
}
