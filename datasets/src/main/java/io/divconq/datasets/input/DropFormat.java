package io.divconq.datasets.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.divconq.datasets.DatasetItem;
import io.divconq.datasets.metric.DropMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DROP lines as in {@code ../shared/data/drop/dev-slice.jsonl}: {@code {"id", "passage_id", "passage", "question",
 * "answers": [{"number", "date": {"day", "month", "year"}, "spans"}, ...]}}, the main answer first, then the
 * validated answers. Each answer object becomes its spans as {@code answer_json_to_strings} does: the number, else
 * the spans, else "day month year". Answers are kept as they are, blanks included (the metric skips those).
 */
public record DropFormat() implements InputFormat {

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public boolean recognises(JsonNode line) {
        JsonNode answers = line.get("answers");
        return line.has("passage") && answers != null && answers.isArray() && (answers.isEmpty() || answers.get(0).isObject());
    }

    @Override
    public DatasetItem read(JsonNode line, String defaultId, String dataset) {
        String question = InputFormat.required(line, "question");
        String passage = InputFormat.required(line, "passage");
        JsonNode answers = line.get("answers");
        if (answers == null || !answers.isArray()) throw new IllegalArgumentException("no \"answers\" list");
        List<List<String>> gold = new ArrayList<>();
        for (JsonNode a : answers) gold.add(answer(a));
        String id = InputFormat.text(line, "id");
        String passageId = InputFormat.text(line, "passage_id");
        return new DatasetItem(id != null ? id : defaultId, dataset, question, passage, gold,
                passageId == null ? Map.of() : Map.of("passage_id", passageId));
    }

    /** One answer object as its spans. */
    public static List<String> answer(JsonNode a) {
        if (!a.isObject()) throw new IllegalArgumentException("a DROP answer must be an object, was " + a);
        List<String> spans = new ArrayList<>();
        a.path("spans").forEach(s -> spans.add(s.asText()));
        JsonNode date = a.path("date");
        String number = a.hasNonNull("number") ? a.get("number").asText() : null;
        if ((number == null || number.isEmpty()) && spans.isEmpty() && !a.has("date")) {
            throw new IllegalArgumentException("a DROP answer needs number, spans or date: " + a);
        }
        return DropMetric.answerSpans(number, spans, date.path("day").asText(""), date.path("month").asText(""),
                date.path("year").asText(""));
    }
}
