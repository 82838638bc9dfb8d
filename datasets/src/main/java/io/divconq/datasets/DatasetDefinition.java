package io.divconq.datasets;

import io.divconq.datasets.input.InputFormat;
import io.divconq.datasets.metric.AnswerMetric;
import io.divconq.datasets.metric.Judgement;
import java.util.List;

/**
 * Everything divconq needs to know about a dataset, read from {@code datasets.yaml}: how its files are read, which
 * prompts it gets, how a final answer becomes a prediction, and how that is judged.
 *
 * @param name    dataset name as recorded on problems and scores
 * @param input   the adapter reading its JSON lines
 * @param prompt  the prompt variant
 * @param answer  how the final answer text is split into spans
 * @param metric  the metric's name in {@code datasets.yaml}
 * @param scorer  the metric
 * @param value   the measure averaged as the arm's accuracy (DROP: f1)
 * @param correct the measure that must be 1 for an answer to count as correct (DROP: em)
 */
public record DatasetDefinition(String name, InputFormat input, PromptVariant prompt, AnswerFormat answer, String metric,
                                AnswerMetric scorer, String value, String correct) {

    public DatasetDefinition {
        for (String measure : List.of(value, correct)) {
            if (!scorer.measures().contains(measure)) {
                throw new IllegalArgumentException("dataset " + name + ": metric " + metric + " has no measure '" + measure
                        + "' (it has " + scorer.measures() + ")");
            }
        }
    }

    /** Judges a final answer against gold answers (each a list of spans). */
    public Judgement judge(String finalAnswer, List<List<String>> gold) {
        return scorer.judge(answer.spans(finalAnswer), gold);
    }

    /** Judges a prediction given as spans (offline evaluation of a multi-span system). */
    public Judgement judgeSpans(List<String> spans, List<List<String>> gold) {
        return scorer.judge(spans, gold);
    }

    public double valueOf(Judgement j) {
        return j.get(value);
    }

    public boolean isCorrect(Judgement j) {
        return j.get(correct) >= 1.0;
    }

    /** The same definition under another name (a dataset without its own definition is scored like "custom"). */
    DatasetDefinition named(String other) {
        return new DatasetDefinition(other, input, prompt, answer, metric, scorer, value, correct);
    }
}
