package io.divconq.datasets;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem read from a dataset file, before it becomes a pipeline record.
 *
 * @param id         the file's id, or one made from the file name and line number
 * @param dataset    the dataset's name (selects prompt variant, answer format and metric)
 * @param question   the question
 * @param context    the passage the question is about (DROP), or null
 * @param gold       acceptable answers, each a list of spans; empty when there is no gold
 * @param attributes free-form fields, e.g. the DROP passage id
 */
public record DatasetItem(String id, String dataset, String question, String context, List<List<String>> gold,
                          Map<String, String> attributes) {

    public DatasetItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(question, "question");
        gold = gold.stream().map(List::copyOf).toList();
        attributes = Map.copyOf(attributes);
    }
}
