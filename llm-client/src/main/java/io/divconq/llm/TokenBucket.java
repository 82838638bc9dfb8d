package io.divconq.llm;

/**
 * A token bucket on a virtual time line that may run ahead of the clock: a reservation debits the bucket at the
 * instant the caller is allowed to start, so waiting callers never hold a thread. Not thread-safe; see
 * {@link RateLimiter}; the gateway's per-key limit uses it too.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long asOf;

    public TokenBucket(double capacity, double tokensPerSecond, long nowNanos) {
        if (!(capacity > 0) || !(tokensPerSecond > 0)) {
            throw new IllegalArgumentException("capacity and rate must be positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = tokensPerSecond / 1e9;
        this.tokens = capacity;
        this.asOf = nowNanos;
    }

    /** Earliest instant, not before {@code nowNanos}, at which {@code cost} (at most a full bucket) is available. */
    public long earliestStart(double cost, long nowNanos) {
        long at = Math.max(nowNanos, asOf);
        double available = tokensAt(at);
        double needed = Math.min(cost, capacity);
        if (available >= needed) {
            return at;
        }
        return at + (long) Math.ceil((needed - available) / tokensPerNano);
    }

    /** Debits {@code cost} at instant {@code atNanos} (the balance may go negative for an oversized cost). */
    public void take(double cost, long atNanos) {
        if (atNanos > asOf) {
            tokens = tokensAt(atNanos);
            asOf = atNanos;
        }
        tokens -= cost;
    }

    /** Credits (or, when negative, debits) tokens, never beyond a full bucket. */
    void adjust(double delta) {
        tokens = Math.min(capacity, tokens + delta);
    }

    private double tokensAt(long atNanos) {
        return atNanos <= asOf ? tokens : Math.min(capacity, tokens + (atNanos - asOf) * tokensPerNano);
    }
}
