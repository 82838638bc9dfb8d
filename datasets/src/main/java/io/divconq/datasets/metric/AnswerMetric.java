package io.divconq.datasets.metric;

import java.util.List;
import java.util.Set;

/**
 * Judges a prediction (one or more spans) against a problem's gold answers. Gold is the list of acceptable answers
 * (DROP: the main answer and every validated answer), each a list of spans (one span for a number, a date or any
 * single-span answer); the judgement takes the best over them, measure by measure.
 */
public interface AnswerMetric {

    /** The measures this metric computes, e.g. {@code [em, f1]}. */
    Set<String> measures();

    Judgement judge(List<String> predictedSpans, List<List<String>> gold);
}
