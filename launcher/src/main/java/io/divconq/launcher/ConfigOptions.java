package io.divconq.launcher;

import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command shares: where the config and the services are, and the models to use. */
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

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "OpenAI-compatible base URL for every endpoint, e.g. http://localhost:11434/v1 (also env DIVCONQ_LLM_URL). "
                    + "`run` starts the model simulator when neither is given.")
    String llmUrl;

    @Option(names = "--solver-model", paramLabel = "MODEL", description = "Solver model name.")
    String solverModel;

    @Option(names = "--arm-model", paramLabel = "ARM=MODEL", description = "Decomposer model of an arm, e.g. student=llama3.2:1b (repeatable).")
    Map<String, String> armModels = new LinkedHashMap<>();

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix for every topic and application id.")
    String topicPrefix;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Concurrent model calls per endpoint.")
    Integer maxInFlight;

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
        if (llmUrl != null) loader.llmUrl(llmUrl);
        if (schemaRegistryUrl != null) loader.schemaRegistryUrl(schemaRegistryUrl);
        if (topicPrefix != null) loader.topicPrefix(topicPrefix);
        if (solverModel != null) loader.solverModel(solverModel);
        if (maxInFlight != null) loader.maxInFlight(maxInFlight);
        armModels.forEach(loader::armModel);
        return loader;
    }

    /** Whether the user named an LLM endpoint (flag or environment), i.e. the simulator is not wanted. */
    public boolean llmGiven(Map<String, String> env) {
        return llmUrl != null || (env.get(ConfigLoader.LLM_URL_ENV) != null && !env.get(ConfigLoader.LLM_URL_ENV).isBlank());
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
