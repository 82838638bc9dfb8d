package io.divconq.scorer.metric;

import java.util.List;

/** How a dataset's answers are judged. */
public interface Metric {

    /** Name as recorded in Score.metric, e.g. exact_match. */
    String name();

    /** The metric's value (1/0 for exact match, F1 in [0,1]) of a predicted answer against the gold answers. */
    double score(String predicted, List<String> gold);

    /** Whether a value counts as a correct answer. */
    default boolean correct(double value) {
        return value >= 1.0;
    }

    /** The metric for a dataset name: gsm8k numeric exact match; anything else normalised exact match. */
    static Metric forDataset(String dataset) {
        return switch (dataset == null ? "" : dataset.toLowerCase(java.util.Locale.ROOT)) {
            case "gsm8k" -> new NumericExactMatch();
            default -> new NormalizedExactMatch();
        };
    }
}
