package io.divconq.gateway.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** An error reply in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}} with its HTTP status. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Optional<Long> retryAfterSeconds;

    private ApiError(int status, String type, String code, String param, String message, Optional<Long> retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError badRequest(String message, String param) {
        return new ApiError(400, "invalid_request_error", "invalid_value", param, message, Optional.empty());
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "invalid_request_error", "invalid_api_key", null,
                "missing or unknown bearer token (Authorization: Bearer ...)", Optional.empty());
    }

    public static ApiError notFound(String message, String code) {
        return new ApiError(404, "invalid_request_error", code, null, message, Optional.empty());
    }

    public static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "invalid_request_error", "method_not_allowed", null, method + " is not allowed here", Optional.empty());
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "invalid_request_error", "idempotency_key_reused", "Idempotency-Key", message, Optional.empty());
    }

    public static ApiError tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiError(429, "rate_limit_exceeded", "rate_limit_exceeded", null, message, Optional.of(retryAfterSeconds));
    }

    public static ApiError failed(String message) {
        return new ApiError(502, "server_error", "problem_failed", null, message, Optional.empty());
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "server_error", "unavailable", null, message, Optional.of(1L));
    }

    public int status() {
        return status;
    }

    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ObjectNode body() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", getMessage());
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return root;
    }
}
