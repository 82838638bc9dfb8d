package io.divconq.datasets.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system's predictions as JSON lines {@code {"id": ..., "prediction": "..."}}; for multi-span answers the
 * prediction may be a list of spans. Unreadable lines and repeated ids are reported, never silently dropped.
 */
public final class Predictions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Predictions() {
    }

    /** A prediction: a text (the dataset's answer format makes its spans) or the spans as given. */
    public sealed interface Prediction permits Text, Spans {
    }

    public record Text(String text) implements Prediction {
    }

    public record Spans(List<String> spans) implements Prediction {
        public Spans {
            spans = List.copyOf(spans);
        }
    }

    /** Predictions by id (the last one of a repeated id), and what could not be used, with why. */
    public record Loaded(Map<String, Prediction> byId, List<String> problems) {
    }

    public static Loaded read(Path file) throws IOException {
        Map<String, Prediction> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                String where = file.getFileName() + ":" + number + ": ";
                try {
                    JsonNode n = JSON.readTree(line);
                    JsonNode id = n == null ? null : n.get("id");
                    JsonNode p = n == null ? null : n.get("prediction");
                    if (id == null || id.isNull()) throw new IllegalArgumentException("no \"id\"");
                    if (p == null || !(p.isTextual() || p.isNumber() || p.isArray())) {
                        throw new IllegalArgumentException("\"prediction\" must be a string or a list of strings");
                    }
                    Prediction prediction;
                    if (p.isArray()) {
                        List<String> spans = new ArrayList<>();
                        p.forEach(s -> spans.add(s.asText()));
                        prediction = new Spans(spans);
                    } else {
                        prediction = new Text(p.asText());
                    }
                    if (byId.put(id.asText(), prediction) != null) problems.add(where + "repeated id " + id.asText() + "; the last prediction counts");
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(where + e.getMessage());
                }
            }
        }
        return new Loaded(byId, problems);
    }
}
