package io.divconq.common.model;

import io.divconq.llm.ChatMessage;
import io.divconq.llm.ChatRequest;
import io.divconq.llm.ChatResponse;
import io.divconq.llm.InFlightLimiter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A model name on an endpoint, with that endpoint's in-flight bound. */
public record ModelRoute(String endpoint, String model, ChatModel client, InFlightLimiter limiter) {

    /** One deterministic (temperature 0) call. */
    public CompletableFuture<ChatResponse> call(List<ChatMessage> messages, int maxTokens) {
        return client.chat(ChatRequest.of(model, messages, maxTokens));
    }
}
