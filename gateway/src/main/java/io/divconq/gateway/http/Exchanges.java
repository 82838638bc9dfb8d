package io.divconq.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.divconq.avro.AnswerState;
import io.divconq.gateway.api.AnswerJson;
import io.divconq.gateway.api.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reading requests and writing replies on the JDK HTTP server. */
public final class Exchanges {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private Exchanges() {
    }

    public static JsonNode jsonBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) throw ApiError.badRequest("the body is larger than 1 MiB", null);
            try {
                return JSON.readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage(), null);
            }
        }
    }

    public static Optional<String> header(HttpExchange ex, String name) {
        return Optional.ofNullable(ex.getRequestHeaders().getFirst(name));
    }

    public static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) return out;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Arm, total cost and problem id as reply headers, as far as they are known. */
    public static void answerHeaders(HttpExchange ex, AnswerState s) {
        ex.getResponseHeaders().set("X-Divconq-Problem-Id", s.getProblemId());
        if (s.getArm() != null) ex.getResponseHeaders().set("X-Divconq-Arm", s.getArm());
        AnswerJson.totalCost(s).ifPresent(c -> ex.getResponseHeaders().set("X-Divconq-Cost-Usd", String.format(Locale.ROOT, "%.8f", c)));
    }

    public static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        bytes(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    public static void bytes(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    public static void error(HttpExchange ex, ApiError e) throws IOException {
        e.retryAfterSeconds().ifPresent(s -> ex.getResponseHeaders().set("Retry-After", Long.toString(s)));
        json(ex, e.status(), e.body());
    }
}
