package io.divconq.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A problem prepared for answering: its canonical decomposition (human-written or derived), the GOOD decomposition
 * a decomposer gives (at most three canonical subquestions, always including the last), and lookups by subquestion.
 */
final class KnownProblem {

    static final int MAX_SUBQUESTIONS = 3;

    private final Problem problem;
    private final List<String> canonical;
    private final List<String> good;
    private final Map<String, String> stepByKey;

    private KnownProblem(Problem problem, List<String> canonical, List<String> steps) {
        this.problem = problem;
        this.canonical = List.copyOf(canonical);
        this.good = goodSubset(this.canonical);
        Map<String, String> byKey = new HashMap<>();
        for (int i = 0; i < canonical.size(); i++) {
            byKey.putIfAbsent(Texts.normalizeForMatch(canonical.get(i)), i < steps.size() ? steps.get(i) : "");
        }
        this.stepByKey = Collections.unmodifiableMap(byKey);
    }

    /**
     * A decomposer is asked for questions, so only human-written subquestions that are questions count (a few
     * GSM8K socratic lines are instructions such as "Define a variable"); with none left, the decomposition is derived.
     */
    static KnownProblem of(Problem problem) {
        List<String> questions = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> given = problem.subquestions();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i).indexOf('?') >= 0) {
                questions.add(given.get(i));
                steps.add(i < problem.steps().size() ? problem.steps().get(i) : "");
            }
        }
        if (!questions.isEmpty()) {
            return new KnownProblem(problem, questions, steps);
        }
        return new KnownProblem(problem, SubquestionDeriver.derive(problem.question()), List.of());
    }

    /** A problem the simulator has no data for: derived decomposition, no gold answer. */
    static KnownProblem unknown(String question) {
        return of(Problem.of(question, null));
    }

    Problem problem() {
        return problem;
    }

    String question() {
        return problem.question();
    }

    boolean hasGold() {
        return problem.gold() != null;
    }

    List<String> canonicalSubquestions() {
        return canonical;
    }

    List<String> goodDecomposition() {
        return good;
    }

    /** True when every given subquestion is one of the canonical ones (after normalisation). */
    boolean isGoodDecomposition(List<String> subquestions) {
        if (subquestions.isEmpty()) {
            return false;
        }
        for (String s : subquestions) {
            if (!stepByKey.containsKey(Texts.normalizeForMatch(s))) {
                return false;
            }
        }
        return true;
    }

    /** The worked step for a canonical subquestion, when one is known. */
    Optional<String> stepFor(String subquestion) {
        String step = stepByKey.get(Texts.normalizeForMatch(subquestion));
        return step == null || step.isBlank() ? Optional.empty() : Optional.of(step);
    }

    /** Worked solution lines for a direct answer (the socratic steps or the plain solution), possibly empty. */
    List<String> solutionLines() {
        List<String> lines = new ArrayList<>();
        for (String step : problem.steps()) {
            if (!step.isBlank()) {
                lines.add(step);
            }
        }
        return lines;
    }

    /** At most three: all when there are few, otherwise the first, the middle and the last. */
    private static List<String> goodSubset(List<String> canonical) {
        int n = canonical.size();
        if (n <= MAX_SUBQUESTIONS) {
            return canonical;
        }
        return List.of(canonical.get(0), canonical.get((n - 1) / 2), canonical.get(n - 1));
    }
}
