package io.divconq.common.context;

import io.divconq.common.async.AsyncStageOptions;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.registry.SchemaRegistryClient;
import io.divconq.registry.SchemaRegistryClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every command and stream is given: the configuration, the Kafka cluster, the topic catalogue (with its
 * schema registry) and the meter registry. Built once per process.
 */
public record DivconqContext(DivconqConfig config, String bootstrapServers, TopicCatalog topics, MeterRegistry meters) {

    public DivconqContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(meters, "meters");
    }

    /**
     * The context for {@code config} against the cluster at {@code bootstrapServers}; the registry's basic auth
     * ("user:password") comes from the environment variable the configuration names, never from the file itself.
     */
    public static DivconqContext create(DivconqConfig config, String bootstrapServers, Function<String, String> env,
                                        MeterRegistry meters) {
        Optional<String> auth = Optional.ofNullable(config.schemaRegistry().basicAuthEnv()).map(env).filter(s -> !s.isBlank());
        return withRegistry(config, bootstrapServers, SchemaRegistryClients.create(config.schemaRegistry().url(), auth), meters);
    }

    /** The context with an already made registry client (tests, benchmarks). */
    public static DivconqContext withRegistry(DivconqConfig config, String bootstrapServers, SchemaRegistryClient registry,
                                              MeterRegistry meters) {
        return new DivconqContext(config, bootstrapServers, TopicCatalog.of(config.topics().prefix(), registry), meters);
    }

    /** For commands that report no metrics. */
    public static DivconqContext create(DivconqConfig config, String bootstrapServers, Function<String, String> env) {
        return create(config, bootstrapServers, env, new SimpleMeterRegistry());
    }

    public SchemaRegistryClient registry() {
        return topics.registry();
    }

    /** What a stage topology is built from, with its async gauges in this context's meter registry. */
    public StageSettings stageSettings(boolean blocking) {
        return new StageSettings(topics, AsyncStageOptions.defaults().withBlocking(blocking).withMeters(meters))
                .withStreams(config.streams());
    }
}
