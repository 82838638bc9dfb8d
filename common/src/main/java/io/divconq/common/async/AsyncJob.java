package io.divconq.common.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One unit of asynchronous work for one input record: it holds one permit of {@code permits} from start to
 * finish (a job may chain several calls). Null permits mean the job needs none (it is started at once).
 *
 * <p>A job may carry a {@code side} job for the same input (e.g. a shadow run): extra, best-effort work that runs
 * as its own job from a bounded side queue, never delaying or holding this one, and whose output is forwarded
 * apart through the same exactly-once path. When the side queue is full the side job is skipped (counted) and this
 * job's output is passed through {@code whenSideSkipped}, so the output records it. Null for no side job.
 */
public record AsyncJob<O>(JobInfo info, PermitSource permits, Supplier<? extends CompletionStage<O>> call,
                          AsyncJob<O> side, UnaryOperator<O> whenSideSkipped) {

    public AsyncJob(JobInfo info, PermitSource permits, Supplier<? extends CompletionStage<O>> call) {
        this(info, permits, call, null, null);
    }

    public AsyncJob {
        if (side != null && side.side() != null) throw new IllegalArgumentException("a side job cannot have a side job");
        if (side != null && whenSideSkipped == null) whenSideSkipped = UnaryOperator.identity();
    }

    public static <O> AsyncJob<O> immediate(JobInfo info, O value) {
        return new AsyncJob<>(info, null, () -> CompletableFuture.completedFuture(value));
    }

    /** This job with a side job for the same input; {@code whenSkipped} marks this job's output if it is skipped. */
    public AsyncJob<O> withSide(AsyncJob<O> sideJob, UnaryOperator<O> whenSkipped) {
        return new AsyncJob<>(info, permits, call, sideJob, whenSkipped);
    }
}
