package io.divconq.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A problem the simulator knows: its question, gold answer and, when known, human-written subquestions with one
 * worked step each (GSM8K socratic format, calculator notes removed).
 *
 * @param id           optional identifier from the data file, or null
 * @param question     the question as written
 * @param gold         the gold answer (text after {@code ####}), or null when unknown
 * @param subquestions canonical subquestions in order; empty when none are known (one is then derived)
 * @param steps        worked steps: aligned with {@code subquestions} when those are given, otherwise the solution lines
 * @param dataset      the dataset (selects the per-dataset accuracy profile), or null
 * @param context      the passage the question is about (DROP), or null; part of the problem's identity
 */
public record Problem(String id, String question, String gold, List<String> subquestions, List<String> steps,
                      String dataset, String context) {

    public Problem(String id, String question, String gold, List<String> subquestions, List<String> steps) {
        this(id, question, gold, subquestions, steps, null, null);
    }

    public Problem {
        Objects.requireNonNull(question, "question");
        subquestions = List.copyOf(subquestions);
        steps = List.copyOf(steps);
        if (!subquestions.isEmpty() && steps.size() != subquestions.size()) {
            throw new IllegalArgumentException("need one step per subquestion: " + subquestions.size()
                    + " subquestions, " + steps.size() + " steps");
        }
    }

    public static Problem of(String question, String gold) {
        return new Problem(null, question, gold, List.of(), List.of());
    }

    public boolean hasSubquestions() {
        return !subquestions.isEmpty();
    }
}
