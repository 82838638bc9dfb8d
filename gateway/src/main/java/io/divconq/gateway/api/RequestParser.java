package io.divconq.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads both request shapes into an {@link AnswerRequest}. Chat completions: the last user message is the question
 * (string content or text parts), {@code model} names the experiment or "divconq"; {@code metadata}, {@code user}
 * and {@code attributes} become problem attributes. Native: {@code question}, {@code id}, {@code attributes},
 * {@code gold}. Both take {@code timeout} in seconds and the headers Idempotency-Key and X-Divconq-Timeout-Ms.
 */
public final class RequestParser {

    /** The model name every experiment answers to, besides its own. */
    public static final String DIVCONQ_MODEL = "divconq";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final long MAX_TIMEOUT_MS = 600_000;

    private final String experiment;

    public RequestParser(String experiment) {
        this.experiment = experiment;
    }

    /** Headers the parser reads; absent ones are empty. */
    public record Headers(Optional<String> idempotencyKey, Optional<String> timeoutMs) {
    }

    public AnswerRequest chat(JsonNode body, Headers headers) {
        requireObject(body);
        String model = text(body, "model").orElse(DIVCONQ_MODEL);
        checkExperiment(model, "model");
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) throw ApiError.badRequest("messages must be a non-empty array", "messages");
        String question = null;
        for (int i = messages.size() - 1; i >= 0 && question == null; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) question = content(m.path("content"));
        }
        if (question == null || question.isBlank()) throw ApiError.badRequest("no user message with text content", "messages");
        Map<String, String> attributes = new LinkedHashMap<>(stringMap(body.path("metadata"), "metadata"));
        text(body, "user").ifPresent(u -> attributes.put("user", u));
        attributes.putAll(stringMap(body.path("attributes"), "attributes"));
        return new AnswerRequest(question, Optional.empty(), text(body, "dataset").orElse("custom"), id(body, headers),
                attributes, strings(body.path("gold"), "gold"), experiment, model, timeout(body, headers),
                body.path("stream").asBoolean(false));
    }

    public AnswerRequest answer(JsonNode body, Headers headers) {
        requireObject(body);
        String question = text(body, "question").filter(q -> !q.isBlank())
                .orElseThrow(() -> ApiError.badRequest("question is required", "question"));
        String exp = text(body, "experiment").orElse(experiment);
        checkExperiment(exp, "experiment");
        return new AnswerRequest(question, text(body, "context"), text(body, "dataset").orElse("custom"), id(body, headers),
                stringMap(body.path("attributes"), "attributes"), strings(body.path("gold"), "gold"), experiment,
                DIVCONQ_MODEL, timeout(body, headers), false);
    }

    /** Checks a problem id given in a URL or a request. */
    public static String checkId(String id, String param) {
        if (!ID.matcher(id).matches()) {
            throw ApiError.badRequest(param + " must be 1-128 characters of A-Z a-z 0-9 . _ : @ -", param);
        }
        return id;
    }

    private void checkExperiment(String name, String param) {
        if (!name.equals(DIVCONQ_MODEL) && !name.equals(experiment)) {
            throw ApiError.notFound("The model '" + name + "' does not exist; use '" + DIVCONQ_MODEL + "' or the experiment '"
                    + experiment + "'", "model_not_found");
        }
    }

    private static Optional<String> id(JsonNode body, Headers headers) {
        Optional<String> fromBody = text(body, "id").map(i -> checkId(i, "id"));
        Optional<String> fromHeader = headers.idempotencyKey().filter(k -> !k.isBlank()).map(k -> checkId(k, "Idempotency-Key"));
        if (fromBody.isPresent() && fromHeader.isPresent() && !fromBody.equals(fromHeader)) {
            throw ApiError.badRequest("id and Idempotency-Key differ; give one, or the same", "id");
        }
        return fromBody.or(() -> fromHeader);
    }

    private static Optional<Long> timeout(JsonNode body, Headers headers) {
        Optional<Long> ms;
        if (headers.timeoutMs().isPresent()) {
            try {
                ms = Optional.of(Long.parseLong(headers.timeoutMs().get().trim()));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("X-Divconq-Timeout-Ms must be a whole number of milliseconds", "X-Divconq-Timeout-Ms");
            }
        } else if (body.hasNonNull("timeout")) {
            if (!body.get("timeout").isNumber()) throw ApiError.badRequest("timeout must be a number of seconds", "timeout");
            ms = Optional.of(Math.round(body.get("timeout").asDouble() * 1000));
        } else {
            ms = Optional.empty();
        }
        ms.filter(v -> v < 0 || v > MAX_TIMEOUT_MS).ifPresent(v -> {
            throw ApiError.badRequest("timeout must be between 0 and " + MAX_TIMEOUT_MS / 1000 + " s", "timeout");
        });
        return ms;
    }

    private static String content(JsonNode c) {
        if (c.isTextual()) return c.asText();
        if (!c.isArray()) return null;
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : c) {
            if ("text".equals(part.path("type").asText())) sb.append(sb.isEmpty() ? "" : "\n").append(part.path("text").asText());
        }
        return sb.toString();
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) throw ApiError.badRequest("the body must be a JSON object", null);
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isTextual()) throw ApiError.badRequest(field + " must be a string", field);
        return Optional.of(n.asText());
    }

    private static Map<String, String> stringMap(JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull()) return Map.of();
        if (!n.isObject()) throw ApiError.badRequest(field + " must be an object of strings", field);
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) throw ApiError.badRequest(field + "." + e.getKey() + " must be a string", field);
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static List<String> strings(JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull()) return List.of();
        if (n.isTextual()) return List.of(n.asText());
        if (!n.isArray()) throw ApiError.badRequest(field + " must be an array of strings", field);
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
