package io.divconq.llm;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A model call that failed for good: a non-retryable reply, or the retry budget spent. The message reads like
 * {@code model call to endpoint 'teacher' failed after 5 attempts: HTTP 503 Service Unavailable: <body start>}
 * and never contains the API key.
 */
public final class ModelCallException extends RuntimeException {

    /** Why the (last) attempt failed. */
    public enum Kind {
        /** A retryable HTTP status (408, 500, 502, 503, 504) persisted through all attempts. */
        HTTP_STATUS,
        /** The last attempt exceeded the per-call timeout. */
        TIMEOUT,
        /** The last attempt could not connect, or the connection broke. */
        CONNECTION,
        /** HTTP 429 persisted through all attempts. */
        RATE_LIMITED,
        /** A 2xx reply without a readable {@code choices[0].message.content}; not retried. */
        BAD_RESPONSE,
        /** A non-retryable status (400, 401, 403, 404, 422, ...); not retried. */
        REJECTED,
        /** The endpoint was closed before the call finished. */
        CLOSED,
        /** An unexpected error inside the client. */
        INTERNAL
    }

    private final String endpoint;
    private final Kind kind;
    private final int lastHttpStatus;
    private final int attempts;

    /**
     * @param lastHttpStatus last HTTP status received over all attempts, 0 if none
     * @param detail         what went wrong in the last attempt, already free of secrets
     */
    public ModelCallException(String endpoint, Kind kind, int lastHttpStatus, int attempts, String detail,
                              Throwable cause) {
        super(message(endpoint, attempts, detail), cause);
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.lastHttpStatus = lastHttpStatus;
        this.attempts = attempts;
    }

    private static String message(String endpoint, int attempts, String detail) {
        String prefix = "model call to endpoint '" + endpoint + "' failed";
        return switch (attempts) {
            case 0 -> prefix + ": " + detail;
            case 1 -> prefix + " after 1 attempt: " + detail;
            default -> prefix + " after " + attempts + " attempts: " + detail;
        };
    }

    public String endpoint() {
        return endpoint;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status received, if any attempt got a reply. */
    public OptionalInt lastHttpStatus() {
        return lastHttpStatus > 0 ? OptionalInt.of(lastHttpStatus) : OptionalInt.empty();
    }

    /** HTTP attempts made (0 if the call never reached the network). */
    public int attempts() {
        return attempts;
    }
}
