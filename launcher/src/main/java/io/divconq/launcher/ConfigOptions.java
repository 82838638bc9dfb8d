package io.divconq.launcher;

import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command against a pipeline shares: where the config and the services are. Models: {@link ModelOptions}. */
public final class ConfigOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config merged over the defaults (arms, endpoints, prices, ...).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka cluster to use. `run` starts an embedded KRaft broker when omitted.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible Schema Registry. `run` starts an in-process one when omitted.")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix for every topic and application id.")
    String topicPrefix;

    /** --bootstrap-servers, for commands that only work against an existing cluster (a usage error otherwise). */
    public String requireBootstrapServers() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ParameterException(command.commandLine(),
                    "--bootstrap-servers is required (`divconq run` starts an embedded broker instead)");
        }
        return bootstrapServers;
    }

    /** The configuration these options describe, without any service address `run` may fill in later. */
    public ConfigLoader loader(Map<String, String> env) {
        ConfigLoader loader = ConfigLoader.defaults();
        if (configFile != null) loader.mergeFile(configFile);
        loader.applyEnvironment(env);
        if (schemaRegistryUrl != null) loader.schemaRegistryUrl(schemaRegistryUrl);
        if (topicPrefix != null) loader.topicPrefix(topicPrefix);
        return loader;
    }

    public DivconqConfig build(Map<String, String> env) {
        return loader(env).build();
    }

    /** The context of a command against an existing cluster (--bootstrap-servers required). */
    public DivconqContext context(Map<String, String> env) {
        String bootstrap = requireBootstrapServers();
        return DivconqContext.create(build(env), bootstrap, env::get);
    }
}
