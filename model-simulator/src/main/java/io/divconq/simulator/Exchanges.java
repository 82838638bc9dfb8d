package io.divconq.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Writing JSON responses, every one labelled as simulated. Safe to call from any thread, once per exchange. */
final class Exchanges {

    static final String SIMULATED_HEADER = "X-Divconq-Simulated";
    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);
    private static final String BEARER = "Bearer ";

    private Exchanges() {
    }

    static byte[] json(Object body) {
        try {
            return OpenAiWire.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] errorJson(String message, String type, String code) {
        return json(OpenAiWire.error(message, type, code));
    }

    static void sendJson(HttpExchange exchange, int status, Object body) {
        send(exchange, status, json(body), Map.of());
    }

    static void sendError(HttpExchange exchange, int status, String message, String type, String code) {
        send(exchange, status, errorJson(message, type, code), Map.of());
    }

    /** Sends status, headers and body and closes the exchange; a client that went away is only logged. */
    static void send(HttpExchange exchange, int status, byte[] body, Map<String, String> extraHeaders) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set(SIMULATED_HEADER, "true");
            extraHeaders.forEach(headers::set);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not send a {} response: {}", status, e.toString());
        }
    }

    /** True when no key is required or the request carries {@code Authorization: Bearer <key>}. */
    static boolean authorized(HttpExchange exchange, String requiredApiKey) {
        if (requiredApiKey == null || requiredApiKey.isEmpty()) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return false;
        }
        byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, requiredApiKey.getBytes(StandardCharsets.UTF_8));
    }

    static void sendUnauthorized(HttpExchange exchange) {
        sendError(exchange, 401, "Missing or incorrect API key (Authorization: Bearer <key>).",
                "invalid_request_error", "invalid_api_key");
    }
}
