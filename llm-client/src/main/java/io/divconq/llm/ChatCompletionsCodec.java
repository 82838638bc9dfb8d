package io.divconq.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes chat-completions request bodies and reads replies, with one shared, thread-safe {@link ObjectMapper}. */
final class ChatCompletionsCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** The parts of a reply the client uses; {@code model} is null when the reply does not name one. */
    record Completion(String content, long promptTokens, long completionTokens, String model) {
    }

    /** A 2xx reply that is not a usable chat completion. */
    static final class MalformedReplyException extends Exception {
        MalformedReplyException(String message) {
            super(message);
        }
    }

    private ChatCompletionsCodec() {
    }

    /** {@code {"model":..,"messages":[{"role":..,"content":..}],"temperature":..,"max_tokens":..,"stream":false}} */
    static byte[] encode(ChatRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("model", request.model());
            json.writeArrayFieldStart("messages");
            for (ChatMessage message : request.messages()) {
                json.writeStartObject();
                json.writeStringField("role", message.role());
                json.writeStringField("content", message.content());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("temperature", request.temperature());
            json.writeNumberField("max_tokens", request.maxTokens());
            json.writeBooleanField("stream", false);
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing JSON to memory failed", impossible);
        }
        return out.toByteArray();
    }

    /** Reads {@code choices[0].message.content}, {@code usage} and {@code model} from a reply body. */
    static Completion decode(byte[] body) throws MalformedReplyException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException notJson) {
            // The parser's message quotes the body; the caller adds a redacted excerpt instead.
            throw new MalformedReplyException("reply is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReplyException("reply is not a JSON object");
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new MalformedReplyException("reply has no choices[0].message.content");
        }
        JsonNode usage = root.path("usage");
        JsonNode model = root.path("model");
        return new Completion(content.asText(),
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                model.isTextual() ? model.asText() : null);
    }
}
