package io.divconq.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Simulator-wide settings: a profile per model name, the profile for any other model name, the seed that makes
 * replies reproducible, and an optional API key that requests must present as {@code Authorization: Bearer <key>}.
 */
public record SimulatorConfig(long seed, Map<String, ModelProfile> models, ModelProfile defaultProfile,
                              String requiredApiKey, Map<String, Map<String, DatasetAccuracy>> datasets) {

    public static final long DEFAULT_SEED = 42L;
    public static final String TEACHER = "sim-teacher";
    public static final String STUDENT = "sim-student";
    public static final String SOLVER = "sim-solver";
    /** A student distilled by rejection sampling (SD-R): decomposes like the teacher or better, at a student's price. */
    public static final String STUDENT_SDR = "sim-student-sdr";

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("seed", "requiredApiKey", "defaultProfile", "models", "datasets", "students");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public SimulatorConfig {
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    public SimulatorConfig(long seed, Map<String, ModelProfile> models, ModelProfile defaultProfile, String requiredApiKey) {
        this(seed, models, defaultProfile, requiredApiKey, DatasetAccuracy.paperShaped());
    }

    /**
     * The built-in models: a teacher and a student decomposer (the student about three accuracy points worse
     * end to end) and a solver; 1% HTTP 500 and 0.5% HTTP 429 per request, no timeouts, no malformed replies.
     */
    public static SimulatorConfig defaults() {
        Map<String, ModelProfile> models = new LinkedHashMap<>();
        models.put(TEACHER, ModelProfile.of(0.95, 0.70, 0.40, 0.30, 600, 0.4));
        models.put(STUDENT, ModelProfile.of(0.85, 0.35, 0.20, 0.15, 150, 0.4));
        models.put(STUDENT_SDR, ModelProfile.of(1.0, 0.35, 0.20, 0.15, 150, 0.4));
        models.put(SOLVER, ModelProfile.of(0.95, 0.70, 0.40, 0.30, 1200, 0.4));
        return new SimulatorConfig(DEFAULT_SEED, models, ModelProfile.of(0.95, 0.70, 0.40, 0.30, 600, 0.4), null);
    }

    /** {@link #defaults()} overridden by a YAML file; see {@link #fromYaml(String)} for the format. */
    public static SimulatorConfig load(Path yamlFile) {
        try {
            return fromYaml(Files.readString(yamlFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read simulator config " + yamlFile, e);
        }
    }

    /**
     * {@link #defaults()} overridden by YAML text. Every key is optional; a profile lists only the fields it changes:
     * <pre>
     * seed: 7
     * requiredApiKey: local-key
     * defaultProfile: {latencyMedianMs: 100}
     * models:
     *   sim-teacher: {decompositionQuality: 0.9}
     *   my-model: {accuracyDirect: 0.5}    # a new name starts from the (overridden) default profile
     * datasets:                            # per dataset and model: decompositionQuality and accuracies only
     *   drop: {sim-student: {decompositionQuality: 0.8}}
     * students:                             # SIMULATED students fine-tuned on exported files (see TrainedStudent)
     *   sim-student-sdr: {trainedOn: out/sdr.jsonl}
     * </pre>
     */
    public static SimulatorConfig fromYaml(String yaml) {
        try {
            JsonNode root = YAML.readTree(yaml);
            SimulatorConfig config = defaults();
            if (root == null || root.isMissingNode() || root.isNull()) {
                return config;
            }
            if (!root.isObject()) {
                throw new IllegalArgumentException("simulator config must be a YAML mapping");
            }
            root.fieldNames().forEachRemaining(key -> {
                if (!TOP_LEVEL_KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown simulator config key '" + key + "', expected one of " + TOP_LEVEL_KEYS);
                }
            });
            long seed = root.has("seed") ? root.get("seed").asLong() : config.seed();
            String apiKey = root.has("requiredApiKey") && !root.get("requiredApiKey").isNull()
                    ? root.get("requiredApiKey").asText() : config.requiredApiKey();
            ModelProfile defaultProfile = root.has("defaultProfile")
                    ? overlay(config.defaultProfile(), root.get("defaultProfile")) : config.defaultProfile();
            Map<String, ModelProfile> models = new LinkedHashMap<>(config.models());
            JsonNode modelNodes = root.path("models");
            if (!modelNodes.isMissingNode() && !modelNodes.isObject()) {
                throw new IllegalArgumentException("'models' must map model names to profiles");
            }
            for (Map.Entry<String, JsonNode> model : modelNodes.properties()) {
                ModelProfile base = models.getOrDefault(model.getKey(), defaultProfile);
                models.put(model.getKey(), overlay(base, model.getValue()));
            }
            JsonNode students = root.path("students");
            if (!students.isMissingNode() && !students.isObject()) {
                throw new IllegalArgumentException("'students' must map model names to {trainedOn: FILE}");
            }
            for (Map.Entry<String, JsonNode> student : students.properties()) {
                String file = student.getValue().path("trainedOn").asText(null);
                if (file == null) throw new IllegalArgumentException("student '" + student.getKey() + "' needs trainedOn: FILE");
                ModelProfile base = models.getOrDefault(student.getKey(), models.getOrDefault(STUDENT, defaultProfile));
                models.put(student.getKey(), TrainedStudent.of(Path.of(file), base, models.getOrDefault(SOLVER, defaultProfile)).profile());
            }
            Map<String, Map<String, DatasetAccuracy>> datasets = new LinkedHashMap<>(config.datasets());
            JsonNode datasetNodes = root.path("datasets");
            if (!datasetNodes.isMissingNode() && !datasetNodes.isObject()) {
                throw new IllegalArgumentException("'datasets' must map dataset names to {model: accuracies}");
            }
            for (Map.Entry<String, JsonNode> dataset : datasetNodes.properties()) {
                Map<String, DatasetAccuracy> perModel = new LinkedHashMap<>(datasets.getOrDefault(dataset.getKey(), Map.of()));
                for (Map.Entry<String, JsonNode> model : dataset.getValue().properties()) {
                    perModel.put(model.getKey(), YAML.treeToValue(model.getValue(), DatasetAccuracy.class));
                }
                datasets.put(dataset.getKey(), perModel);
            }
            return new SimulatorConfig(seed, models, defaultProfile, apiKey, datasets);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid simulator config YAML: " + e.getMessage(), e);
        }
    }

    private static ModelProfile overlay(ModelProfile base, JsonNode overrides) throws IOException {
        if (overrides == null || overrides.isNull()) {
            return base;
        }
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("a model profile must be a YAML mapping, was: " + overrides);
        }
        ObjectNode merged = YAML.valueToTree(base);
        merged.setAll((ObjectNode) overrides);
        return YAML.treeToValue(merged, ModelProfile.class);
    }

    /** The profile of a model on a dataset's problems: its own, with the dataset's accuracies for it when set. */
    public ModelProfile profileFor(String model, String dataset) {
        ModelProfile base = profileFor(model);
        DatasetAccuracy overlay = dataset == null ? null : datasets.getOrDefault(dataset, Map.of()).get(model);
        return overlay == null ? base : overlay.applyTo(base);
    }

    /** The profile for a model name; names without a profile get {@link #defaultProfile()}. */
    public ModelProfile profileFor(String model) {
        return models.getOrDefault(model, defaultProfile);
    }

    /** Every profile (and the default) answering after exactly {@code ms} milliseconds. */
    public SimulatorConfig withFixedLatency(long ms) {
        return mapProfiles(p -> p.withFixedLatency(ms));
    }

    /** Every profile (and the default) without injected HTTP 500, 429 or timeouts. */
    public SimulatorConfig withoutErrors() {
        return mapProfiles(ModelProfile::withoutErrors);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(newSeed, models, defaultProfile, requiredApiKey, datasets);
    }

    public SimulatorConfig withRequiredApiKey(String key) {
        return new SimulatorConfig(seed, models, defaultProfile, key, datasets);
    }

    /** Adds or replaces the profile of one model. */
    public SimulatorConfig withModel(String model, ModelProfile profile) {
        Map<String, ModelProfile> copy = new LinkedHashMap<>(models);
        copy.put(model, profile);
        return new SimulatorConfig(seed, copy, defaultProfile, requiredApiKey, datasets);
    }

    public SimulatorConfig withDefaultProfile(ModelProfile profile) {
        return new SimulatorConfig(seed, models, profile, requiredApiKey, datasets);
    }

    /** Applies {@code change} to every named profile and to the default profile. */
    public SimulatorConfig mapProfiles(UnaryOperator<ModelProfile> change) {
        Map<String, ModelProfile> copy = new LinkedHashMap<>();
        models.forEach((name, profile) -> copy.put(name, change.apply(profile)));
        return new SimulatorConfig(seed, copy, change.apply(defaultProfile), requiredApiKey, datasets);
    }

    @Override
    public String toString() {
        return "SimulatorConfig[seed=" + seed + ", models=" + models + ", defaultProfile=" + defaultProfile
                + ", requiredApiKey=" + (requiredApiKey == null ? "none" : "(set)") + "]";
    }
}
