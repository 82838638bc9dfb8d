package io.divconq.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;

/** The OpenAI chat-completions wire format, as far as the simulator writes it (snake_case JSON). */
final class OpenAiWire {

    static final String SYSTEM_FINGERPRINT = "divconq-simulator";
    static final String OWNER = "divconq-simulator";
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private OpenAiWire() {
    }

    record ChatCompletion(String id, String object, long created, String model, String systemFingerprint,
                          List<Choice> choices, Usage usage) {
    }

    record Choice(int index, Message message, String finishReason) {
    }

    record Message(String role, String content) {
    }

    record Usage(long promptTokens, long completionTokens, long totalTokens) {
    }

    record ModelList(String object, List<ModelEntry> data) {
    }

    record ModelEntry(String id, String object, long created, String ownedBy) {
    }

    record ErrorBody(ErrorDetail error) {
    }

    record ErrorDetail(String message, String type, String param, String code) {
    }

    static ChatCompletion completion(String id, long created, String model, String content,
                                     long promptTokens, long completionTokens) {
        return new ChatCompletion(id, "chat.completion", created, model, SYSTEM_FINGERPRINT,
                List.of(new Choice(0, new Message("assistant", content), "stop")),
                new Usage(promptTokens, completionTokens, promptTokens + completionTokens));
    }

    static ErrorBody error(String message, String type, String code) {
        return new ErrorBody(new ErrorDetail(message, type, null, code));
    }
}
