package io.divconq.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link DivconqConfig}: the bundled defaults, then an optional YAML/JSON file merged over them
 * (maps key by key, lists replaced whole), then programmatic overrides (flags, environment).
 */
public final class ConfigLoader {

    /** Environment variable that points every endpoint at one OpenAI-compatible URL. */
    public static final String LLM_URL_ENV = "DIVCONQ_LLM_URL";
    /** Base URLs of named endpoints, {@code name=url,...} (e.g. {@code default=http://ollama:11434/v1}). */
    public static final String ENDPOINT_URLS_ENV = "DIVCONQ_ENDPOINT_URLS";
    /** The solver's model name. */
    public static final String SOLVER_MODEL_ENV = "DIVCONQ_SOLVER_MODEL";
    /** Decomposer models of arms, {@code arm=model,...} (e.g. {@code teacher=llama3.1:70b,student=llama3.2:1b}). */
    public static final String ARM_MODELS_ENV = "DIVCONQ_ARM_MODELS";
    /** The Confluent-compatible schema registry's URL. */
    public static final String SCHEMA_REGISTRY_URL_ENV = "DIVCONQ_SCHEMA_REGISTRY_URL";
    /** Replication factor of the topics divconq creates and of Kafka Streams' internal topics. */
    public static final String REPLICATION_FACTOR_ENV = "DIVCONQ_REPLICATION_FACTOR";

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private ObjectNode tree;

    private ConfigLoader(ObjectNode defaults) {
        this.tree = defaults;
    }

    /** Starts from the defaults bundled with divconq. */
    public static ConfigLoader defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/io/divconq/common/default-config.yaml")) {
            if (in == null) throw new ConfigException("bundled default-config.yaml is missing from the classpath");
            return new ConfigLoader((ObjectNode) YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges a YAML (or JSON) file over what is loaded so far. */
    public ConfigLoader mergeFile(Path file) {
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) return this;
            if (!node.isObject()) throw new ConfigException(file + " must hold a mapping at the top level");
            merge(tree, (ObjectNode) node);
            return this;
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Merges YAML text over what is loaded so far (tests and inline overrides). */
    public ConfigLoader mergeYaml(String yaml) {
        try {
            merge(tree, (ObjectNode) YAML.readTree(yaml));
            return this;
        } catch (IOException e) {
            throw new ConfigException("bad YAML: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the DIVCONQ_* variables that are set (containers are configured this way): {@link #LLM_URL_ENV},
     * then {@link #ENDPOINT_URLS_ENV}, {@link #SOLVER_MODEL_ENV}, {@link #ARM_MODELS_ENV},
     * {@link #SCHEMA_REGISTRY_URL_ENV} and {@link #REPLICATION_FACTOR_ENV}.
     */
    public ConfigLoader applyEnvironment(Map<String, String> env) {
        set(env, LLM_URL_ENV).ifPresent(this::llmUrl);
        set(env, ENDPOINT_URLS_ENV).ifPresent(v -> pairs(ENDPOINT_URLS_ENV, v).forEach(this::endpointUrl));
        set(env, SOLVER_MODEL_ENV).ifPresent(this::solverModel);
        set(env, ARM_MODELS_ENV).ifPresent(v -> pairs(ARM_MODELS_ENV, v).forEach(this::armModel));
        set(env, SCHEMA_REGISTRY_URL_ENV).ifPresent(this::schemaRegistryUrl);
        set(env, REPLICATION_FACTOR_ENV).ifPresent(v -> {
            try {
                replicationFactor(Short.parseShort(v.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException(REPLICATION_FACTOR_ENV + " must be a number, not '" + v + "'");
            }
        });
        return this;
    }

    private static Optional<String> set(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank());
    }

    /** {@code a=b,c=d} in order; a clear error naming the variable for anything else. */
    private static Map<String, String> pairs(String variable, String value) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String item : value.split(",")) {
            int eq = item.indexOf('=');
            if (item.isBlank()) continue;
            if (eq <= 0 || eq == item.length() - 1) {
                throw new ConfigException(variable + " must be NAME=VALUE pairs separated by commas, not '" + item.trim() + "'");
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return out;
    }

    /** Sets the base URL of one named endpoint. */
    public ConfigLoader endpointUrl(String endpoint, String url) {
        JsonNode e = tree.path("endpoints").get(endpoint);
        if (!(e instanceof ObjectNode node)) throw new ConfigException("no endpoint named '" + endpoint + "' to set the URL of");
        node.put("url", url);
        return this;
    }

    public ConfigLoader replicationFactor(short factor) {
        ((ObjectNode) tree.with("topics")).put("replicationFactor", factor);
        return this;
    }

    /** Points every endpoint at one OpenAI-compatible base URL (e.g. http://localhost:11434/v1). */
    public ConfigLoader llmUrl(String url) {
        endpoints().forEach(e -> ((ObjectNode) e).put("url", url));
        return this;
    }

    /** Sets max-in-flight on every endpoint. */
    public ConfigLoader maxInFlight(int limit) {
        endpoints().forEach(e -> ((ObjectNode) e).put("maxInFlight", limit));
        return this;
    }

    public ConfigLoader schemaRegistryUrl(String url) {
        tree.withObjectProperty("schemaRegistry").put("url", url);
        return this;
    }

    public ConfigLoader topicPrefix(String prefix) {
        tree.withObjectProperty("topics").put("prefix", prefix);
        return this;
    }

    public ConfigLoader solverModel(String model) {
        tree.withObjectProperty("solver").put("model", model);
        return this;
    }

    /** Sets the decomposer model of one arm. */
    public ConfigLoader armModel(String arm, String model) {
        boolean found = false;
        for (JsonNode a : tree.path("experiment").path("arms")) {
            if (arm.equals(a.path("name").asText())) {
                ((ObjectNode) a).put("model", model);
                found = true;
            }
        }
        if (!found) throw new ConfigException("no arm named '" + arm + "' to set the model of");
        return this;
    }

    /** Any other change, on the raw tree (used sparingly, e.g. by benchmarks). */
    public ConfigLoader edit(UnaryOperator<ObjectNode> change) {
        tree = change.apply(tree);
        return this;
    }

    public DivconqConfig build() {
        try {
            return YAML.treeToValue(tree, DivconqConfig.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof ConfigException ce ? ce : e;
            throw new ConfigException("invalid configuration: " + rootMessage(cause), e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    private Iterable<JsonNode> endpoints() {
        return tree.path("endpoints")::elements;
    }

    private static void merge(ObjectNode base, ObjectNode over) {
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
                merge(eo, vo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }
}
