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
 * @param split      the dataset split (train, test, dev, ...) where known (see {@link DatasetSplit}), else null
 */
public record DatasetItem(String id, String dataset, String question, String context, List<List<String>> gold,
                          Map<String, String> attributes, String split) {

    public DatasetItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(question, "question");
        gold = gold.stream().map(List::copyOf).toList();
        attributes = Map.copyOf(attributes);
    }

    /** An item whose split is not (yet) known: input formats read lines, the file's reader knows the split. */
    public DatasetItem(String id, String dataset, String question, String context, List<List<String>> gold,
                       Map<String, String> attributes) {
        this(id, dataset, question, context, gold, attributes, null);
    }

    public DatasetItem withSplit(String newSplit) {
        return new DatasetItem(id, dataset, question, context, gold, attributes, newSplit);
    }
}
