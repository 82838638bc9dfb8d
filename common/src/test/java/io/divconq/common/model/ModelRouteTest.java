package io.divconq.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.common.async.StageShutdownException;
import io.divconq.llm.ChatMessage;
import io.divconq.llm.InFlightLimiter;
import io.divconq.llm.ModelCallException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ModelRouteTest {

    private static Throwable failureOf(ModelCallException.Kind kind) {
        ModelCallException cause = new ModelCallException("teacher", kind, 0, 1, "boom", null);
        ModelRoute route = new ModelRoute("teacher", "m", r -> CompletableFuture.failedFuture(cause), new LimiterPermits(new InFlightLimiter(1)));
        CompletableFuture<?> f = route.call(List.of(ChatMessage.user("q")), 10);
        try {
            f.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void aClosedClientSaysShutdownSoTheRecordStaysPending() {
        Throwable t = failureOf(ModelCallException.Kind.CLOSED);
        assertThat(t).isInstanceOf(StageShutdownException.class).hasCauseInstanceOf(ModelCallException.class);
        assertThat(StageShutdownException.isShutdown(new CompletionException(t))).isTrue();
    }

    @Test
    void otherFailuresPassUnchanged() {
        Throwable t = failureOf(ModelCallException.Kind.REJECTED);
        assertThat(t).isInstanceOf(ModelCallException.class);
        assertThat(StageShutdownException.isShutdown(t)).isFalse();
    }

    @Test
    void limiterPermitsCountLikeTheLimiter() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        LimiterPermits permits = new LimiterPermits(limiter);
        assertThat(permits.tryAcquire()).isTrue();
        assertThat(permits.tryAcquire()).isFalse();
        permits.release(new RuntimeException("failed job"));
        assertThat(limiter.inFlight()).isZero();
    }
}
