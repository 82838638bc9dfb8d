package io.divconq.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to call one OpenAI-compatible endpoint. Holds no secret: {@code apiKeyEnv} is the NAME of the
 * environment variable that holds the API key (null or blank: no authentication).
 *
 * @param name              short label used in logs, metrics and error messages (e.g. {@code teacher})
 * @param baseUrl           the API root, e.g. {@code http://localhost:11434/v1}; requests go to
 *                          {@code {baseUrl}/chat/completions} (a trailing slash is tolerated)
 * @param apiKeyEnv         name of the environment variable holding the bearer token, or null
 * @param maxInFlight       size of the endpoint's {@link InFlightLimiter} (default {@value #DEFAULT_MAX_IN_FLIGHT})
 * @param callTimeout       timeout of one HTTP attempt (default 120 s)
 * @param retry             retry policy (default {@link RetryPolicy#DEFAULT})
 * @param requestsPerSecond client-side request rate limit, 0 = unlimited
 * @param tokensPerMinute   client-side token rate limit, 0 = unlimited
 * @param breaker           when to stop calling an unavailable endpoint, and for how long to wait it out
 *                          (default {@link CircuitBreaker.Settings#DEFAULT})
 */
public record EndpointConfig(String name, URI baseUrl, String apiKeyEnv, int maxInFlight, Duration callTimeout,
                             RetryPolicy retry, double requestsPerSecond, long tokensPerMinute,
                             CircuitBreaker.Settings breaker) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(120);

    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!"http".equalsIgnoreCase(baseUrl.getScheme()) && !"https".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl of endpoint '" + name + "' must be http(s): " + baseUrl);
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl of endpoint '" + name
                    + "' must have no user info, query or fragment (put credentials in apiKeyEnv)");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0 (0 = unlimited), was " + requestsPerSecond);
        }
        if (tokensPerMinute < 0) {
            throw new IllegalArgumentException("tokensPerMinute must be >= 0 (0 = unlimited), was " + tokensPerMinute);
        }
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.trim();
    }

    /** An endpoint with defaults: no API key, 64 in flight, 120 s per call, default retries, no rate limits. */
    public static EndpointConfig of(String name, URI baseUrl) {
        return new EndpointConfig(name, baseUrl, null, DEFAULT_MAX_IN_FLIGHT, DEFAULT_CALL_TIMEOUT,
                RetryPolicy.DEFAULT, 0, 0, CircuitBreaker.Settings.DEFAULT);
    }

    /** Same as {@link #of(String, URI)} with a URL string. */
    public static EndpointConfig of(String name, String baseUrl) {
        return of(name, URI.create(baseUrl));
    }

    public EndpointConfig withApiKeyEnv(String newApiKeyEnv) {
        return new EndpointConfig(name, baseUrl, newApiKeyEnv, maxInFlight, callTimeout, retry,
                requestsPerSecond, tokensPerMinute, breaker);
    }

    public EndpointConfig withMaxInFlight(int newMaxInFlight) {
        return new EndpointConfig(name, baseUrl, apiKeyEnv, newMaxInFlight, callTimeout, retry,
                requestsPerSecond, tokensPerMinute, breaker);
    }

    public EndpointConfig withCallTimeout(Duration newCallTimeout) {
        return new EndpointConfig(name, baseUrl, apiKeyEnv, maxInFlight, newCallTimeout, retry,
                requestsPerSecond, tokensPerMinute, breaker);
    }

    public EndpointConfig withRetry(RetryPolicy newRetry) {
        return new EndpointConfig(name, baseUrl, apiKeyEnv, maxInFlight, callTimeout, newRetry,
                requestsPerSecond, tokensPerMinute, breaker);
    }

    public EndpointConfig withRequestsPerSecond(double newRequestsPerSecond) {
        return new EndpointConfig(name, baseUrl, apiKeyEnv, maxInFlight, callTimeout, retry,
                newRequestsPerSecond, tokensPerMinute, breaker);
    }

    public EndpointConfig withTokensPerMinute(long newTokensPerMinute) {
        return new EndpointConfig(name, baseUrl, apiKeyEnv, maxInFlight, callTimeout, retry,
                requestsPerSecond, newTokensPerMinute, breaker);
    }

    public EndpointConfig withBreaker(CircuitBreaker.Settings newBreaker) {
        return new EndpointConfig(name, baseUrl, apiKeyEnv, maxInFlight, callTimeout, retry,
                requestsPerSecond, tokensPerMinute, newBreaker);
    }

    /** {@code {baseUrl}/chat/completions}, whether or not {@code baseUrl} ends with a slash. */
    public URI chatCompletionsUri() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    /** Shows the key's variable name only; the config never holds the key itself. */
    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", baseUrl=" + baseUrl
                + ", apiKeyEnv=" + (apiKeyEnv == null ? "none" : apiKeyEnv)
                + ", maxInFlight=" + maxInFlight + ", callTimeout=" + callTimeout + ", retry=" + retry
                + ", requestsPerSecond=" + requestsPerSecond + ", tokensPerMinute=" + tokensPerMinute
                + ", breaker=" + breaker + "]";
    }
}
