package io.divconq.datasets;

import java.util.ArrayList;
import java.util.List;

/** How the solver's final answer text becomes the prediction a metric judges. */
public enum AnswerFormat {
    /** The whole answer is one span. */
    TEXT,
    /** Spans separated by semicolons (the solver is asked to list several spans that way); blank parts dropped. */
    SPANS;

    public static final String SPAN_SEPARATOR = ";";

    public List<String> spans(String answer) {
        String text = answer == null ? "" : answer;
        if (this == TEXT) return List.of(text);
        List<String> spans = new ArrayList<>();
        for (String part : text.split(SPAN_SEPARATOR)) {
            if (!part.isBlank()) spans.add(part.strip());
        }
        return spans.isEmpty() ? List.of("") : spans;
    }
}
