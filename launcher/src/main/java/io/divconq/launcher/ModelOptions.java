package io.divconq.launcher;

import io.divconq.common.config.ConfigLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the commands that call models (`run` and the stream commands): which endpoint and models. */
public final class ModelOptions {

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "OpenAI-compatible base URL for every endpoint, e.g. http://localhost:11434/v1 (also env DIVCONQ_LLM_URL). "
                    + "`run` starts the model simulator when neither is given.")
    String llmUrl;

    @Option(names = "--solver-model", paramLabel = "MODEL", description = "Solver model name.")
    String solverModel;

    @Option(names = "--arm-model", paramLabel = "ARM=MODEL", description = "Decomposer model of an arm, e.g. student=llama3.2:1b (repeatable).")
    Map<String, String> armModels = new LinkedHashMap<>();

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Concurrent model calls per endpoint.")
    Integer maxInFlight;

    /** Applies these options over the configuration (they win over file and environment). */
    public ConfigLoader applyTo(ConfigLoader loader) {
        if (llmUrl != null) loader.llmUrl(llmUrl);
        if (solverModel != null) loader.solverModel(solverModel);
        if (maxInFlight != null) loader.maxInFlight(maxInFlight);
        armModels.forEach(loader::armModel);
        return loader;
    }

    /** Whether the user named an LLM endpoint (flag or environment), i.e. the simulator is not wanted. */
    public boolean llmGiven(Map<String, String> env) {
        return llmUrl != null || (env.get(ConfigLoader.LLM_URL_ENV) != null && !env.get(ConfigLoader.LLM_URL_ENV).isBlank());
    }
}
