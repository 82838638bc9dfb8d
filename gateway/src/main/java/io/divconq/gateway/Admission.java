package io.divconq.gateway;

import io.divconq.gateway.api.ApiError;
import io.divconq.llm.TokenBucket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** At most maxPending requests in flight, and optionally at most requestsPerSecond per caller key; past either, 429. */
final class Admission {

    private final Semaphore pending;
    private final int maxPending;
    private final double requestsPerSecond;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    Admission(int maxPending, double requestsPerSecond) {
        this.pending = new Semaphore(maxPending);
        this.maxPending = maxPending;
        this.requestsPerSecond = requestsPerSecond;
    }

    /** Counts the caller's request against its rate; throws 429 when it is over. */
    void checkRate(String callerKey) {
        if (requestsPerSecond <= 0) return;
        long now = System.nanoTime();
        TokenBucket b = buckets.computeIfAbsent(callerKey, k -> new TokenBucket(Math.max(1.0, requestsPerSecond), requestsPerSecond, now));
        synchronized (b) {
            long start = b.earliestStart(1, now);
            if (start > now) {
                throw ApiError.tooManyRequests("more than " + requestsPerSecond + " requests/s for this key",
                        Math.max(1, (long) Math.ceil((start - now) / 1e9)));
            }
            b.take(1, now);
        }
    }

    /** Takes a pending slot; throws 429 when all are taken. Release with {@link #release()}. */
    void enter() {
        if (!pending.tryAcquire()) {
            throw ApiError.tooManyRequests("the gateway has " + maxPending + " requests in flight (gateway.maxPending); retry shortly", 1);
        }
    }

    void release() {
        pending.release();
    }

    int pending() {
        return maxPending - pending.availablePermits();
    }
}
