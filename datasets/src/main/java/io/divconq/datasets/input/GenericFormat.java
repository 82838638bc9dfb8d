package io.divconq.datasets.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.divconq.datasets.DatasetItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * divconq's own lines: {@code question} and optionally {@code id}, {@code dataset}, {@code gold} (a string or a list
 * of acceptable answers), {@code answer} (GSM8K style, gold after "####"), {@code context}, {@code attributes}.
 */
public record GenericFormat() implements InputFormat {

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public boolean recognises(JsonNode line) {
        return line.has("question");
    }

    @Override
    public DatasetItem read(JsonNode n, String defaultId, String dataset) {
        String question = InputFormat.required(n, "question");
        List<List<String>> gold = new ArrayList<>();
        JsonNode g = n.get("gold");
        if (g != null && g.isArray()) g.forEach(x -> gold.add(List.of(x.asText())));
        else if (g != null && !g.isNull()) gold.add(List.of(g.asText()));
        else if (InputFormat.text(n, "answer") != null) gold.add(List.of(Gsm8kFormat.goldOf(InputFormat.text(n, "answer"))));
        Map<String, String> attributes = new HashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && a.isObject()) a.properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        String id = InputFormat.text(n, "id");
        String named = InputFormat.text(n, "dataset");
        return new DatasetItem(id != null ? id : defaultId, named != null ? named : dataset, question,
                InputFormat.text(n, "context"), gold, attributes);
    }
}
