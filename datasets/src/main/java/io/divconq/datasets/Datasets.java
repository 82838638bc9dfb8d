package io.divconq.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.divconq.datasets.input.BamboogleFormat;
import io.divconq.datasets.input.DropFormat;
import io.divconq.datasets.input.GenericFormat;
import io.divconq.datasets.input.Gsm8kFormat;
import io.divconq.datasets.input.InputFormat;
import io.divconq.datasets.metric.AnswerMetric;
import io.divconq.datasets.metric.CoverExactMatch;
import io.divconq.datasets.metric.DropMetric;
import io.divconq.datasets.metric.NormalizedExactMatch;
import io.divconq.datasets.metric.NumericExactMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The dataset definitions of {@code datasets.yaml}, by name. A name without a definition is scored as "custom". */
public final class Datasets {

    public static final String CUSTOM = "custom";
    private static final String RESOURCE = "/io/divconq/datasets/datasets.yaml";

    /** Input adapters by their name in the YAML, in the order files are recognised (most specific first). */
    private static final List<InputFormat> FORMATS = List.of(new DropFormat(), new BamboogleFormat(), new Gsm8kFormat(),
            new GenericFormat());
    private static final Map<String, AnswerMetric> METRICS = Map.of(
            "gsm8k_exact_match", new NumericExactMatch(),
            "drop", new DropMetric(),
            "cover_em", new CoverExactMatch(),
            "normalized_exact_match", new NormalizedExactMatch());
    private static final Map<String, DatasetDefinition> DEFINITIONS = load();

    private Datasets() {
    }

    /** The definition of a dataset; unknown or blank names get the custom definition under their own name. */
    public static DatasetDefinition get(String name) {
        String key = name == null || name.isBlank() ? CUSTOM : name.toLowerCase(Locale.ROOT);
        DatasetDefinition d = DEFINITIONS.get(key);
        return d != null ? d : DEFINITIONS.get(CUSTOM).named(key);
    }

    /** Only the datasets defined in the YAML (for --dataset choices). */
    public static Optional<DatasetDefinition> defined(String name) {
        return Optional.ofNullable(name == null ? null : DEFINITIONS.get(name.toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return List.copyOf(DEFINITIONS.keySet());
    }

    /**
     * The dataset whose input format recognises a line (DROP, then Bamboogle, then GSM8K, else custom). A line naming
     * its dataset is read with that dataset's adapter when it has that shape, else as divconq's generic line.
     */
    public static DatasetDefinition recognise(JsonNode line) {
        if (line.hasNonNull("dataset")) {
            Optional<DatasetDefinition> named = defined(line.get("dataset").asText());
            return named.isPresent() && named.get().input().recognises(line) ? named.get() : get(CUSTOM);
        }
        for (InputFormat f : FORMATS) {
            if (f.recognises(line)) {
                return DEFINITIONS.values().stream().filter(d -> d.input().equals(f)).findFirst().orElse(get(CUSTOM));
            }
        }
        return get(CUSTOM);
    }

    private static Map<String, DatasetDefinition> load() {
        try (InputStream in = Datasets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE);
            JsonNode root = new YAMLMapper().readTree(in);
            Map<String, DatasetDefinition> out = new LinkedHashMap<>();
            root.properties().forEach(e -> out.put(e.getKey(), definition(e.getKey(), e.getValue())));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static DatasetDefinition definition(String name, JsonNode n) {
        String input = field(name, n, "input");
        InputFormat format = FORMATS.stream().filter(f -> f.name().equals(input)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + name + ": unknown input " + input));
        String metric = field(name, n, "metric");
        AnswerMetric scorer = METRICS.get(metric);
        if (scorer == null) throw new IllegalArgumentException("dataset " + name + ": unknown metric " + metric + ", expected one of " + METRICS.keySet());
        return new DatasetDefinition(name, format, PromptVariant.valueOf(field(name, n, "prompt").toUpperCase(Locale.ROOT)),
                AnswerFormat.valueOf(field(name, n, "answer").toUpperCase(Locale.ROOT)), metric, scorer,
                field(name, n, "value"), field(name, n, "correct"));
    }

    private static String field(String name, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.asText().isBlank()) throw new IllegalArgumentException("dataset " + name + ": no '" + field + "'");
        return v.asText();
    }
}
