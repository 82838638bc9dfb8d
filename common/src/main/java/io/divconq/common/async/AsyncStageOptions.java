package io.divconq.common.async;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AsyncStageSupplier} runs its jobs.
 *
 * @param punctuateEvery       how often, in wall-clock time, finished jobs are forwarded and held jobs retried
 * @param maxQueuedPerTask     jobs a task may hold waiting for permits before it stops taking records (backpressure);
 *                             a small buffer keeps endpoints full while the stream thread commits
 * @param blocking             the naive baseline: wait for each job before taking the next record
 * @param meters               where the per-task gauges and side-job counters go ({@code divconq.async.queued},
 *                             {@code .running}, {@code .pending}, {@code .side}); null for none
 * @param maxSideQueuedPerTask side jobs (see {@link AsyncJob#side()}) a task may hold waiting for permits; a side
 *                             job offered beyond it is skipped and counted, never waited for
 */
public record AsyncStageOptions(Duration punctuateEvery, int maxQueuedPerTask, boolean blocking, MeterRegistry meters,
                                int maxSideQueuedPerTask) {

    public static final int DEFAULT_MAX_QUEUED_PER_TASK = 32;
    public static final int DEFAULT_MAX_SIDE_QUEUED_PER_TASK = 16;

    public AsyncStageOptions {
        Objects.requireNonNull(punctuateEvery, "punctuateEvery");
        if (maxQueuedPerTask < 1) throw new IllegalArgumentException("maxQueuedPerTask must be at least 1, was " + maxQueuedPerTask);
        if (maxSideQueuedPerTask < 0) throw new IllegalArgumentException("maxSideQueuedPerTask must be >= 0, was " + maxSideQueuedPerTask);
    }

    /** Punctuation every 10 ms, 32 queued jobs and 16 queued side jobs per task, not blocking, no gauges. */
    public static AsyncStageOptions defaults() {
        return new AsyncStageOptions(Duration.ofMillis(10), DEFAULT_MAX_QUEUED_PER_TASK, false, null, DEFAULT_MAX_SIDE_QUEUED_PER_TASK);
    }

    public AsyncStageOptions withPunctuateEvery(Duration every) {
        return new AsyncStageOptions(every, maxQueuedPerTask, blocking, meters, maxSideQueuedPerTask);
    }

    public AsyncStageOptions withMaxQueuedPerTask(int max) {
        return new AsyncStageOptions(punctuateEvery, max, blocking, meters, maxSideQueuedPerTask);
    }

    public AsyncStageOptions withBlocking(boolean newBlocking) {
        return new AsyncStageOptions(punctuateEvery, maxQueuedPerTask, newBlocking, meters, maxSideQueuedPerTask);
    }

    public AsyncStageOptions withMeters(MeterRegistry registry) {
        return new AsyncStageOptions(punctuateEvery, maxQueuedPerTask, blocking, registry, maxSideQueuedPerTask);
    }

    public AsyncStageOptions withMaxSideQueuedPerTask(int max) {
        return new AsyncStageOptions(punctuateEvery, maxQueuedPerTask, blocking, meters, max);
    }
}
