package io.divconq.common.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One unit of asynchronous work for one input record: it holds one permit of {@code permits} from start to
 * finish (a job may chain several calls). Null permits mean the job needs none (it is started at once).
 */
public record AsyncJob<O>(JobInfo info, PermitSource permits, Supplier<? extends CompletionStage<O>> call) {

    public static <O> AsyncJob<O> immediate(JobInfo info, O value) {
        return new AsyncJob<>(info, null, () -> CompletableFuture.completedFuture(value));
    }
}
