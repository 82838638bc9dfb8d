package io.divconq.datasets.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.divconq.datasets.DatasetItem;
import java.util.List;
import java.util.Map;

/** GSM8K lines: {@code {"question", "answer"}}, the worked answer ending in {@code #### <gold>}. */
public record Gsm8kFormat() implements InputFormat {

    static final String GOLD_MARKER = "####";

    @Override
    public String name() {
        return "gsm8k";
    }

    @Override
    public boolean recognises(JsonNode line) {
        String answer = InputFormat.text(line, "answer");
        return line.has("question") && answer != null && answer.contains(GOLD_MARKER);
    }

    @Override
    public DatasetItem read(JsonNode line, String defaultId, String dataset) {
        String question = InputFormat.required(line, "question");
        String answer = InputFormat.required(line, "answer");
        String id = InputFormat.text(line, "id");
        return new DatasetItem(id != null ? id : defaultId, dataset, question, null, List.of(List.of(goldOf(answer))), Map.of());
    }

    /** The gold is what follows the last "####"; an answer without it is taken whole. */
    public static String goldOf(String answer) {
        int i = answer.lastIndexOf(GOLD_MARKER);
        return (i >= 0 ? answer.substring(i + GOLD_MARKER.length()) : answer).strip();
    }
}
