package io.divconq.common.config;

import java.util.Map;
import java.util.Objects;

/** The whole divconq configuration: topics, registry, model endpoints, the experiment, its prices and the gateway. */
public record DivconqConfig(
        TopicSettings topics,
        SchemaRegistrySettings schemaRegistry,
        Map<String, EndpointSettings> endpoints,
        DecomposerSettings decomposer,
        SolverSettings solver,
        ExperimentConfig experiment,
        PriceTable prices,
        StreamsSettings streams,
        GatewaySettings gateway) {

    public DivconqConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(schemaRegistry, "schemaRegistry");
        endpoints = Map.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        Objects.requireNonNull(decomposer, "decomposer");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(streams, "streams");
        gateway = gateway == null ? GatewaySettings.DEFAULTS : gateway;
        if (gateway.resultsRetentionMs() > 0 && gateway.resultsRetentionMs() < streams.dedupWindowMs()) {
            // A repeat of an expired Idempotency-Key would be re-sent, dropped by the decomposer as a duplicate
            // and then waited for in vain.
            throw new ConfigException("gateway.resultsRetentionMs (" + gateway.resultsRetentionMs()
                    + ") must be 0 (forever) or >= streams.dedupWindowMs (" + streams.dedupWindowMs() + ")");
        }
        requireEndpoint(endpoints, solver.endpoint(), "solver");
        for (ArmConfig arm : experiment.arms()) {
            if (arm.solverMode() != io.divconq.avro.SolverMode.DIRECT) {
                requireEndpoint(endpoints, arm.endpoint(), "arm '" + arm.name() + "'");
            }
        }
    }

    private static void requireEndpoint(Map<String, EndpointSettings> endpoints, String name, String user) {
        if (!endpoints.containsKey(name)) {
            throw new ConfigException(user + " refers to endpoint '" + name + "', which is not among endpoints " + endpoints.keySet());
        }
    }

    public EndpointSettings endpoint(String name) {
        EndpointSettings e = endpoints.get(name);
        if (e == null) {
            throw new ConfigException("unknown endpoint '" + name + "'; configured: " + endpoints.keySet());
        }
        return e;
    }

    public record TopicSettings(String prefix, int partitions, short replicationFactor) {
        public TopicSettings {
            prefix = prefix == null ? "" : prefix;
            if (partitions < 1) throw new ConfigException("topics.partitions must be >= 1");
            if (replicationFactor < 1) throw new ConfigException("topics.replicationFactor must be >= 1");
        }
    }

    /** basicAuthEnv names the environment variable that holds "user:password"; the value is never stored here. */
    public record SchemaRegistrySettings(String url, String basicAuthEnv) {
        public SchemaRegistrySettings {
            if (url == null || url.isBlank()) throw new ConfigException("schemaRegistry.url is required");
        }
    }

    public record DecomposerSettings(int maxTokens, int maxSubquestions) {
        public DecomposerSettings {
            if (maxSubquestions < 1) throw new ConfigException("decomposer.maxSubquestions must be >= 1");
            if (maxTokens < 1) throw new ConfigException("decomposer.maxTokens must be >= 1");
        }
    }

    /**
     * extraction: which answer decides correctness — "strict" (the answer marker, falling back to the last number;
     * the default) or "flexible" (the last number only).
     */
    public record SolverSettings(String endpoint, String model, int maxTokens, String extraction) {
        public SolverSettings {
            if (model == null || model.isBlank()) throw new ConfigException("solver.model is required");
            if (maxTokens < 1) throw new ConfigException("solver.maxTokens must be >= 1");
            extraction = extraction == null || extraction.isBlank() ? "strict" : extraction.strip().toLowerCase(java.util.Locale.ROOT);
            if (!extraction.equals("strict") && !extraction.equals("flexible")) {
                throw new ConfigException("solver.extraction must be strict or flexible, was '" + extraction + "'");
            }
        }

        public SolverSettings(String endpoint, String model, int maxTokens) {
            this(endpoint, model, maxTokens, null);
        }
    }

    /**
     * sessionTimeoutMs: how soon a crashed instance's partitions move to the others. maxRecordBytes: the largest
     * output record a stage writes (larger ones are dead-lettered, keep it under the producer's max.request.size);
     * maxStoredReplyChars: raw model replies kept in records are cut to this length. dedupWindowMs: a problem id
     * seen again within this window is dropped by the decomposer. Zero or missing values take the defaults.
     */
    public record StreamsSettings(long commitIntervalMs, int threads, long pollMs, long sessionTimeoutMs,
                                  int maxRecordBytes, int maxStoredReplyChars, long dedupWindowMs) {
        public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;
        public static final int DEFAULT_MAX_STORED_REPLY_CHARS = 20_000;
        public static final long DEFAULT_DEDUP_WINDOW_MS = 7L * 24 * 3600 * 1000;

        public StreamsSettings {
            if (threads < 1) throw new ConfigException("streams.threads must be >= 1");
            if (sessionTimeoutMs <= 0) sessionTimeoutMs = 10_000;
            if (maxRecordBytes <= 0) maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
            if (maxStoredReplyChars <= 0) maxStoredReplyChars = DEFAULT_MAX_STORED_REPLY_CHARS;
            if (dedupWindowMs <= 0) dedupWindowMs = DEFAULT_DEDUP_WINDOW_MS;
        }
    }
}
