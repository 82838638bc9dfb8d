package io.divconq.common.config;

/**
 * The HTTP front door ({@code divconq gateway}). authTokensEnv names the environment variable holding the accepted
 * bearer tokens (comma-separated); when it is unset or empty the gateway binds loopback only, whatever host says.
 * requestsPerSecondPerKey 0 means unlimited; advertisedHost is how other gateway instances reach this one.
 * resultsRetentionMs: how long an answer stays fetchable by id after its last change (0 = forever); an
 * Idempotency-Key is remembered as long as its answer.
 */
public record GatewaySettings(String host, int port, String advertisedHost, int maxPending, long defaultTimeoutMs,
                              String authTokensEnv, double requestsPerSecondPerKey, Cache cache, long resultsRetentionMs) {

    public static final GatewaySettings DEFAULTS =
            new GatewaySettings("127.0.0.1", 8090, null, 1024, 60_000, "DIVCONQ_GATEWAY_TOKENS", 0, null, 7 * 24 * 3_600_000L);

    public GatewaySettings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65_535) throw new ConfigException("gateway.port must be in [0, 65535]");
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? host : advertisedHost;
        if (maxPending < 1) throw new ConfigException("gateway.maxPending must be >= 1");
        if (defaultTimeoutMs < 1) throw new ConfigException("gateway.defaultTimeoutMs must be >= 1");
        if (requestsPerSecondPerKey < 0) throw new ConfigException("gateway.requestsPerSecondPerKey must be >= 0");
        cache = cache == null ? new Cache(false, 3_600_000, 10_000) : cache;
        if (resultsRetentionMs < 0) throw new ConfigException("gateway.resultsRetentionMs must be >= 0 (0 = keep forever)");
    }

    public GatewaySettings withPort(int newPort) {
        return new GatewaySettings(host, newPort, advertisedHost, maxPending, defaultTimeoutMs, authTokensEnv,
                requestsPerSecondPerKey, cache, resultsRetentionMs);
    }

    /** Exact-match answer cache by normalised question and experiment. */
    public record Cache(boolean enabled, long ttlMs, int maxEntries) {
        public Cache {
            if (ttlMs < 1) throw new ConfigException("gateway.cache.ttlMs must be >= 1");
            if (maxEntries < 1) throw new ConfigException("gateway.cache.maxEntries must be >= 1");
        }
    }
}
