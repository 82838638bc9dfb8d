package io.divconq.datasets.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.divconq.datasets.DatasetItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bamboogle lines as in {@code ../shared/data/bamboogle/test.jsonl}: {@code {"id", "question", "answers": ["..."]}}. */
public record BamboogleFormat() implements InputFormat {

    @Override
    public String name() {
        return "bamboogle";
    }

    @Override
    public boolean recognises(JsonNode line) {
        JsonNode answers = line.get("answers");
        return line.has("question") && !line.has("passage") && answers != null && answers.isArray()
                && !answers.isEmpty() && answers.get(0).isTextual();
    }

    @Override
    public DatasetItem read(JsonNode line, String defaultId, String dataset) {
        String question = InputFormat.required(line, "question");
        JsonNode answers = line.get("answers");
        if (answers == null || !answers.isArray() || answers.isEmpty()) throw new IllegalArgumentException("no \"answers\" list");
        List<List<String>> gold = new ArrayList<>();
        answers.forEach(a -> gold.add(List.of(a.asText())));
        String id = InputFormat.text(line, "id");
        return new DatasetItem(id != null ? id : defaultId, dataset, question, null, gold, Map.of());
    }
}
