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
        RetrySettings retry) {

    public EndpointSettings {
        if (url == null || url.isBlank()) throw new ConfigException("endpoint url is required");
        if (maxInFlight < 1) throw new ConfigException("endpoint maxInFlight must be >= 1, was " + maxInFlight);
        if (timeoutMs < 1) throw new ConfigException("endpoint timeoutMs must be >= 1");
        if (retry == null) retry = new RetrySettings(5, 200, 10_000);
    }

    public EndpointSettings withoutApiKey() {
        return new EndpointSettings(url, null, maxInFlight, timeoutMs, requestsPerSecond, tokensPerMinute, retry);
    }

    public record RetrySettings(int maxAttempts, long initialBackoffMs, long maxBackoffMs) {
        public RetrySettings {
            if (maxAttempts < 1) throw new ConfigException("retry.maxAttempts must be >= 1");
        }
    }
}
