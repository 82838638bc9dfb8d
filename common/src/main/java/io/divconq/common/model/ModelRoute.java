package io.divconq.common.model;

import io.divconq.common.async.PermitSource;
import io.divconq.common.async.StageShutdownException;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.llm.ChatMessage;
import io.divconq.llm.ChatRequest;
import io.divconq.llm.ChatResponse;
import io.divconq.llm.ModelCallException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A model name on an endpoint, with the permits that bound concurrent jobs against that endpoint. */
public record ModelRoute(String endpoint, String model, ChatModel client, PermitSource permits) {

    /**
     * One deterministic (temperature 0) call. A call cut short because the client closed fails with a
     * {@link StageShutdownException}, so the async engine leaves its record pending instead of dead-lettering it.
     */
    public CompletableFuture<ChatResponse> call(List<ChatMessage> messages, int maxTokens) {
        return client.chat(ChatRequest.of(model, messages, maxTokens))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(shutdownOrSame(e)));
    }

    private static Throwable shutdownOrSame(Throwable error) {
        return DeadLetters.unwrap(error) instanceof ModelCallException m && m.kind() == ModelCallException.Kind.CLOSED
                ? new StageShutdownException(m.getMessage(), m)
                : error;
    }
}
