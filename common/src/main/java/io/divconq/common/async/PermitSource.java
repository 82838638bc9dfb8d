package io.divconq.common.async;

import java.time.Duration;

/**
 * Where a job gets the permit it holds from start to finish (a job may make several calls): typically a bound on
 * concurrent work against one endpoint. A source may <em>withhold</em> permits, returning false from
 * {@link #tryAcquire()} although it has capacity (e.g. while a circuit breaker is open): the processor then leaves
 * the job queued, and pending in its store, tries again on every pump and punctuation, and once
 * {@code maxQueuedPerTask} jobs are held it stops taking records (backpressure). Nothing is dead-lettered for it.
 */
public interface PermitSource {

    /** Takes a permit if one is granted right now; never blocks. */
    boolean tryAcquire();

    /** Takes a permit, waiting up to {@code timeout} for one to be granted. */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /** Returns a permit taken earlier, exactly once per permit. */
    void release();

    /**
     * Returns a permit and says how the job that held it ended: {@code failure} is null on success. A source that
     * judges its endpoint's health (a circuit breaker) overrides this; the default just releases.
     */
    default void release(Throwable failure) {
        release();
    }
}
