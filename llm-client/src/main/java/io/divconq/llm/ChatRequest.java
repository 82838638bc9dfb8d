package io.divconq.llm;

import java.util.List;
import java.util.Objects;

/** A chat-completions request: sent as {@code model}, {@code messages}, {@code temperature}, {@code max_tokens}. */
public record ChatRequest(String model, List<ChatMessage> messages, double temperature, int maxTokens) {

    /** Used by the factory methods that take no {@code maxTokens}. */
    public static final int DEFAULT_MAX_TOKENS = 1024;

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        if (!(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }

    /** Deterministic request: temperature 0. */
    public static ChatRequest of(String model, List<ChatMessage> messages, int maxTokens) {
        return new ChatRequest(model, messages, 0.0, maxTokens);
    }

    /** Deterministic request: temperature 0, {@link #DEFAULT_MAX_TOKENS}. */
    public static ChatRequest of(String model, ChatMessage... messages) {
        return of(model, List.of(messages), DEFAULT_MAX_TOKENS);
    }

    public ChatRequest withTemperature(double newTemperature) {
        return new ChatRequest(model, messages, newTemperature, maxTokens);
    }

    public ChatRequest withMaxTokens(int newMaxTokens) {
        return new ChatRequest(model, messages, temperature, newMaxTokens);
    }

    /** Tokens reserved against a tokens/minute budget before the call: prompt characters / 4 + {@code maxTokens}. */
    public long estimatedTokens() {
        long chars = 0;
        for (ChatMessage message : messages) {
            chars += message.content().length();
        }
        return (chars + 3) / 4 + maxTokens;
    }
}
