package io.divconq.common.async;

import io.divconq.llm.InFlightLimiter;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One unit of asynchronous work for one input record: it holds one permit of {@code limiter} from start to
 * finish (a job may chain several model calls). A null limiter means the job needs no model call.
 */
public record AsyncJob<O>(JobInfo info, InFlightLimiter limiter, Supplier<? extends CompletionStage<O>> call) {

    public static <O> AsyncJob<O> immediate(JobInfo info, O value) {
        return new AsyncJob<>(info, null, () -> java.util.concurrent.CompletableFuture.completedFuture(value));
    }
}
