package io.divconq.llm;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on concurrent jobs against one endpoint. Callers take one permit per job (which may chain several model
 * calls) and {@link #release()} it exactly once when the job finishes, whatever its outcome.
 * {@link #tryAcquire()} never blocks; {@link #tryAcquire(Duration)} waits, for callers that apply backpressure.
 */
public final class InFlightLimiter {

    private final int limit;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxSeen = new AtomicInteger();

    public InFlightLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** Takes a permit if one is free right now. */
    public boolean tryAcquire() {
        if (!permits.tryAcquire()) {
            return false;
        }
        acquired();
        return true;
    }

    /** Takes a permit, waiting up to {@code timeout} for one to be released. */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        acquired();
        return true;
    }

    private void acquired() {
        int now = inFlight.incrementAndGet();
        maxSeen.accumulateAndGet(now, Math::max);
    }

    /**
     * Returns a permit taken earlier.
     *
     * @throws IllegalStateException if no permit is held (a double release)
     */
    public void release() {
        // Count down before handing the permit back, so inFlight never exceeds the permits taken.
        int before = inFlight.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (before <= 0) {
            throw new IllegalStateException("release() without a matching acquire");
        }
        permits.release();
    }

    /** Permits held right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most permits ever held at once. */
    public int maxInFlightSeen() {
        return maxSeen.get();
    }

    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "InFlightLimiter[inFlight=" + inFlight() + ", limit=" + limit + ", maxSeen=" + maxInFlightSeen() + "]";
    }
}
