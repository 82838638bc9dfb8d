package io.divconq.common.model;

import io.divconq.llm.ChatRequest;
import io.divconq.llm.ChatResponse;
import java.util.concurrent.CompletableFuture;

/** Something that answers chat requests asynchronously: an HTTP endpoint, or a fake in tests. */
@FunctionalInterface
public interface ChatModel {
    CompletableFuture<ChatResponse> chat(ChatRequest request);
}
