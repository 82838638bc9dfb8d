package io.divconq.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why one HTTP attempt failed, and whether trying again may help.
 *
 * @param retryReason metric tag for a retry, e.g. {@code http_503}, {@code timeout}, {@code connection}
 * @param detail      human-readable cause; may quote the reply body, so redact before showing
 * @param retryAfter  wait requested by the server ({@code Retry-After} on 429/503), or null
 */
record AttemptFailure(ModelCallException.Kind kind, boolean retryable, int httpStatus, String retryReason,
                      String detail, Duration retryAfter, Throwable cause) {

    /** Characters of a reply body quoted in a failure. */
    static final int BODY_EXCERPT_CHARS = 200;

    /** A failure to get any reply: connection problems and timeouts are retryable, anything else is a bug. */
    static AttemptFailure fromThrowable(Throwable thrown, Duration callTimeout, URI target) {
        Throwable t = unwrap(thrown);
        if (t instanceof HttpConnectTimeoutException) {
            return new AttemptFailure(ModelCallException.Kind.CONNECTION, true, 0, "connect_timeout",
                    "connect to " + target + " timed out", null, t);
        }
        if (t instanceof HttpTimeoutException || t instanceof CancellationException) {
            // CancellationException: the client's own per-call timeout guard cancelled the exchange.
            return new AttemptFailure(ModelCallException.Kind.TIMEOUT, true, 0, "timeout",
                    "timed out after " + callTimeout.toMillis() + " ms", null, t);
        }
        if (t instanceof IOException) {
            return new AttemptFailure(ModelCallException.Kind.CONNECTION, true, 0, "connection",
                    "connection to " + target + " failed: " + describe(t), null, t);
        }
        return new AttemptFailure(ModelCallException.Kind.INTERNAL, false, 0, "internal",
                "unexpected error: " + describe(t), null, t);
    }

    /** A non-2xx reply. */
    static AttemptFailure fromStatus(int status, byte[] body, String retryAfterHeader, Instant now) {
        String detail = "HTTP " + status + " " + HttpStatusText.reason(status) + excerptSuffix(body);
        String reason = "http_" + status;
        return switch (status) {
            case 429 -> new AttemptFailure(ModelCallException.Kind.RATE_LIMITED, true, status, reason, detail,
                    RetryAfter.parse(retryAfterHeader, now).orElse(null), null);
            case 503 -> new AttemptFailure(ModelCallException.Kind.HTTP_STATUS, true, status, reason, detail,
                    RetryAfter.parse(retryAfterHeader, now).orElse(null), null);
            case 408, 500, 502, 504 -> new AttemptFailure(ModelCallException.Kind.HTTP_STATUS, true, status, reason,
                    detail, null, null);
            default -> new AttemptFailure(ModelCallException.Kind.REJECTED, false, status, reason, detail, null, null);
        };
    }

    /** A 2xx reply that is not a usable completion. */
    static AttemptFailure badResponse(int status, String problem, byte[] body) {
        return new AttemptFailure(ModelCallException.Kind.BAD_RESPONSE, false, status, "bad_response",
                "bad response (HTTP " + status + "): " + problem + excerptSuffix(body), null, null);
    }

    /** No connection, a timeout or a 5xx/408: the endpoint itself is unwell, so its circuit breaker counts it. */
    boolean endpointFault() {
        return kind == ModelCallException.Kind.CONNECTION || kind == ModelCallException.Kind.TIMEOUT
                || kind == ModelCallException.Kind.HTTP_STATUS;
    }

    /** The endpoint has been unavailable longer than its breaker's maxOutage; {@code last} is its latest fault. */
    static AttemptFailure outage(AttemptFailure last, java.time.Duration unavailableFor, java.time.Duration maxOutage) {
        String detail = "endpoint unavailable for " + unavailableFor.toSeconds() + " s, longer than maxOutage "
                + maxOutage.toSeconds() + " s" + (last == null ? "" : "; last fault: " + last.detail());
        return new AttemptFailure(last == null ? ModelCallException.Kind.CONNECTION : last.kind(), false,
                last == null ? 0 : last.httpStatus(), "outage", detail, null, last == null ? null : last.cause());
    }

    /** The endpoint was closed before the call finished. */
    static AttemptFailure closed() {
        return new AttemptFailure(ModelCallException.Kind.CLOSED, false, 0, "closed", "endpoint closed", null, null);
    }

    private static String excerptSuffix(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        // Decode a bounded prefix only: 4 bytes per char covers any UTF-8 sequence.
        int bytes = Math.min(body.length, BODY_EXCERPT_CHARS * 4);
        String text = new String(body, 0, bytes, StandardCharsets.UTF_8);
        if (text.length() > BODY_EXCERPT_CHARS) {
            text = text.substring(0, BODY_EXCERPT_CHARS);
        }
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.isEmpty() ? "" : ": " + oneLine;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
