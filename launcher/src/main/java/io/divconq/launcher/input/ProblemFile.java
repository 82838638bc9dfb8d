package io.divconq.launcher.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.avro.Problem;
import io.divconq.simulator.Gsm8kAnswer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads problems from JSON lines. GSM8K lines ({"question","answer"} with the gold after "####") work as they are;
 * optional fields: id, dataset, gold (string or list), context, attributes (object of strings).
 * Lines that cannot be read are reported with their number and skipped, never silently dropped.
 */
public final class ProblemFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemFile() {
    }

    /** The problems read, and the lines that could not be, with why. */
    public record Loaded(List<Problem> problems, List<String> rejected) {
    }

    /** Reads up to limit problems (0 = all); createdAtMs is left 0 for the producer to stamp. */
    public static Loaded read(Path file, int limit) throws IOException {
        String stem = file.getFileName().toString().replaceFirst("\\.jsonl?$", "");
        String defaultDataset = file.toString().toLowerCase(Locale.ROOT).contains("gsm8k") ? "gsm8k" : "custom";
        List<Problem> problems = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null && (limit <= 0 || problems.size() < limit)) {
                number++;
                if (line.isBlank()) continue;
                try {
                    problems.add(parse(JSON.readTree(line), stem + "-" + number, defaultDataset, 0L));
                } catch (IOException | IllegalArgumentException e) {
                    rejected.add(file.getFileName() + ":" + number + ": " + e.getMessage());
                }
            }
        }
        return new Loaded(problems, rejected);
    }

    static Problem parse(JsonNode n, String defaultId, String defaultDataset, long createdAtMs) {
        String question = text(n, "question");
        if (question == null || question.isBlank()) throw new IllegalArgumentException("no \"question\"");
        List<String> gold = new ArrayList<>();
        JsonNode g = n.get("gold");
        if (g != null && g.isArray()) g.forEach(x -> gold.add(x.asText()));
        else if (g != null && !g.isNull()) gold.add(g.asText());
        else if (text(n, "answer") != null) gold.add(goldOf(text(n, "answer")));
        Map<String, String> attributes = new HashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && a.isObject()) a.properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return Problem.newBuilder()
                .setId(text(n, "id") != null ? text(n, "id") : defaultId)
                .setDataset(text(n, "dataset") != null ? text(n, "dataset") : defaultDataset)
                .setQuestion(question)
                .setContext(text(n, "context"))
                .setGoldAnswers(gold)
                .setCreatedAtMs(createdAtMs)
                .setAttributes(attributes)
                .build();
    }

    /** GSM8K: the gold is what follows the last "####"; other answers are taken whole. */
    static String goldOf(String answer) {
        return Gsm8kAnswer.parse(answer).goldOrWhole();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
