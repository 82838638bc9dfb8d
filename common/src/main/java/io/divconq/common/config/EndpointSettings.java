package io.divconq.common.config;

/**
 * One OpenAI-compatible endpoint. apiKeyEnv is the NAME of the environment variable holding the key,
 * so no secret ever sits in a config file, a log line or a topic.
 */
public record EndpointSettings(
        String url,
        String apiKeyEnv,
        int maxInFlight,
        long timeoutMs,
        double requestsPerSecond,
        long tokensPerMinute,
        RetrySettings retry,
        BreakerSettings breaker) {

    public EndpointSettings {
        if (url == null || url.isBlank()) throw new ConfigException("endpoint url is required");
        if (maxInFlight < 1) throw new ConfigException("endpoint maxInFlight must be >= 1, was " + maxInFlight);
        if (timeoutMs < 1) throw new ConfigException("endpoint timeoutMs must be >= 1");
        if (retry == null) retry = new RetrySettings(5, 200, 10_000);
        if (breaker == null) breaker = BreakerSettings.DEFAULT;
    }

    public EndpointSettings withoutApiKey() {
        return new EndpointSettings(url, null, maxInFlight, timeoutMs, requestsPerSecond, tokensPerMinute, retry, breaker);
    }

    /**
     * The endpoint's circuit breaker: {@code failureThreshold} consecutive faults open it, probes every
     * {@code probeIntervalMs} (doubling up to {@code maxProbeIntervalMs}), and held calls fail only after the
     * endpoint has been unavailable for {@code maxOutageMs}. Zero or missing values take the defaults.
     */
    public record BreakerSettings(int failureThreshold, long probeIntervalMs, long maxProbeIntervalMs, long maxOutageMs) {
        public static final BreakerSettings DEFAULT = new BreakerSettings(5, 500, 10_000, 900_000);

        public BreakerSettings {
            if (failureThreshold <= 0) failureThreshold = 5;
            if (probeIntervalMs <= 0) probeIntervalMs = 500;
            if (maxProbeIntervalMs <= 0) maxProbeIntervalMs = Math.max(10_000, probeIntervalMs);
            if (maxOutageMs <= 0) maxOutageMs = 900_000;
            if (maxProbeIntervalMs < probeIntervalMs) throw new ConfigException("breaker.maxProbeIntervalMs must be >= probeIntervalMs");
        }

        public io.divconq.llm.CircuitBreaker.Settings toSettings() {
            return new io.divconq.llm.CircuitBreaker.Settings(failureThreshold, java.time.Duration.ofMillis(probeIntervalMs),
                    java.time.Duration.ofMillis(maxProbeIntervalMs), java.time.Duration.ofMillis(maxOutageMs));
        }
    }

    public record RetrySettings(int maxAttempts, long initialBackoffMs, long maxBackoffMs) {
        public RetrySettings {
            if (maxAttempts < 1) throw new ConfigException("retry.maxAttempts must be >= 1");
        }
    }
}
