package io.divconq.simulator;

import io.divconq.prompts.PromptContract;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a simulated model's reply to a parsed prompt. Every choice is a hash-based draw over (seed, model,
 * question, purpose), so the same request always gets the same reply, and one draw per (seed, model, question)
 * decides correctness for all solve prompts: a problem solved with a poor decomposition is solved with a good one.
 */
final class ReplyWriter {

    /** Questions with at most this many words may get "No decomposition". */
    static final int SHORT_QUESTION_MAX_WORDS = 30;

    private static final List<String> POOR_SUBQUESTIONS = List.of(
            "What information is given in the problem?",
            "What is the question asking us to find?",
            "Which quantities in the problem matter?",
            "What operation should we use?",
            "How are the quantities related to each other?",
            "What should we calculate first?",
            "Is there any information we do not need?");
    /** Unusable decompositions: no question mark, no digit, not "No decomposition". */
    private static final List<String> MALFORMED_DECOMPOSITIONS = List.of(
            "I'm sorry, but I can't help with that request.",
            "This problem needs careful reading and some arithmetic, so it should be solved step by step.",
            "Let me think about it. The problem describes several quantities and how they change.");
    /** Unusable solutions: no answer marker, no digit, no colon. */
    private static final List<String> MALFORMED_SOLUTIONS = List.of(
            "I'm sorry, but I can't determine the answer from the information given.",
            "The problem can be solved by combining the quantities in the right order, but the details are unclear.",
            "Let me think about this. Some information seems to be missing, so I cannot give a final answer.");
    private static final List<String> STEP_SENTENCES = List.of(
            "From the numbers given in the problem, this comes to %s.",
            "Working it out from the problem statement gives %s.",
            "Using the information in the question, the value is %s.");

    /** A reply and whether it is deliberately unusable. */
    record Reply(String content, boolean malformed) {
    }

    private final long seed;
    private final ProblemKnowledge knowledge;
    private final Map<String, Map<String, DatasetAccuracy>> datasets;

    ReplyWriter(long seed, ProblemKnowledge knowledge) {
        this(seed, knowledge, Map.of());
    }

    /** A writer whose models answer each dataset's problems with the config's per-dataset accuracies. */
    ReplyWriter(SimulatorConfig config, ProblemKnowledge knowledge) {
        this(config.seed(), knowledge, config.datasets());
    }

    private ReplyWriter(long seed, ProblemKnowledge knowledge, Map<String, Map<String, DatasetAccuracy>> datasets) {
        this.seed = seed;
        this.knowledge = knowledge;
        this.datasets = datasets;
    }

    Reply write(String model, ModelProfile profile, Prompt prompt) {
        return write(model, profile, prompt, null);
    }

    /** The reply to a prompt about a passage (DROP; null: none); the problem's dataset may adjust the profile. */
    Reply write(String model, ModelProfile modelProfile, Prompt prompt, String passage) {
        KnownProblem problem = knowledge.lookup(prompt.question(), passage);
        DatasetAccuracy onDataset = problem.problem().dataset() == null ? null
                : datasets.getOrDefault(problem.problem().dataset(), Map.of()).get(model);
        ModelProfile profile = onDataset == null ? modelProfile : onDataset.applyTo(modelProfile);
        // Draws are per problem: a question asked about two passages is two problems.
        String identity = passage == null ? prompt.question() : prompt.question() + "\n" + passage;
        if (prompt instanceof Prompt.Decompose) {
            return decompose(model, profile, identity, problem);
        }
        if (prompt instanceof Prompt.SequentialStep step) {
            return new Reply(stepAnswer(model, identity, problem, step.subquestion()), false);
        }
        return solve(model, profile, prompt, problem, identity);
    }

    private Reply decompose(String model, ModelProfile profile, String question, KnownProblem problem) {
        if (draw(model, question, "decompose-malformed") < profile.malformedRate()) {
            return new Reply(pick(MALFORMED_DECOMPOSITIONS, model, question, "malformed-text"), true);
        }
        if (Texts.wordCount(problem.question()) <= SHORT_QUESTION_MAX_WORDS
                && draw(model, question, "decompose-none") < profile.noDecompositionRate()) {
            return new Reply(PromptContract.NO_DECOMPOSITION, false);
        }
        boolean good = draw(model, question, "decompose-quality") < profile.decompositionQuality();
        List<String> subquestions = good ? problem.goodDecomposition() : poorDecomposition(model, question, problem);
        return new Reply(numbered(subquestions), false);
    }

    private List<String> poorDecomposition(String model, String question, KnownProblem problem) {
        List<String> pool = new ArrayList<>(POOR_SUBQUESTIONS);
        List<BigDecimal> numbers = Texts.numbersIn(problem.question());
        if (!numbers.isEmpty()) {
            pool.add("What does the number " + Numbers.format(numbers.get(0)) + " stand for in the problem?");
        }
        pool.removeIf(candidate -> problem.isGoodDecomposition(List.of(candidate)));
        long h = SeededDraws.hash(seed, model, question, "poor-decomposition");
        int count = 2 + SeededDraws.index(h, 2);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; chosen.size() < count && !pool.isEmpty(); i++) {
            chosen.add(pool.remove(SeededDraws.index(h + i, pool.size())));
        }
        return chosen;
    }

    private Reply solve(String model, ModelProfile profile, Prompt prompt, KnownProblem problem, String question) {
        if (draw(model, question, "solve-malformed") < profile.malformedRate()) {
            return new Reply(pick(MALFORMED_SOLUTIONS, model, question, "malformed-text"), true);
        }
        List<String> subquestions = prompt.subquestions();
        double accuracy = subquestions.isEmpty() ? profile.accuracyDirect()
                : problem.isGoodDecomposition(subquestions) ? profile.accuracyGoodDecomposition()
                : profile.accuracyPoorDecomposition();
        boolean correct = draw(model, question, "solve") < accuracy;
        String answer = finalAnswer(model, question, problem, correct);

        List<String> lines = new ArrayList<>();
        if (subquestions.isEmpty()) {
            lines.addAll(problem.solutionLines());
            if (lines.isEmpty()) {
                lines.add("Let me work through the quantities in the problem step by step.");
            }
        } else {
            for (int i = 0; i < subquestions.size(); i++) {
                String s = subquestions.get(i);
                lines.add((i + 1) + ". " + s + " " + stepAnswer(model, question, problem, s));
            }
        }
        if (!correct && problem.hasGold()) {
            int last = lines.size() - 1;
            String prefix = subquestions.isEmpty() ? "" : subquestions.size() + ". " + subquestions.get(last) + " ";
            lines.set(last, prefix + "Putting the results together gives " + answer + ".");
        }
        lines.add(PromptContract.ANSWER + answer);
        return new Reply(String.join("\n", lines), false);
    }

    private String finalAnswer(String model, String question, KnownProblem problem, boolean correct) {
        long h = SeededDraws.hash(seed, model, question, "answer");
        if (!problem.hasGold()) {
            return Numbers.plausibleAnswer(problem.question(), h);
        }
        String gold = problem.problem().gold();
        if (correct) return gold;
        if (problem.problem().context() != null) return PassageAnswers.wrong(gold, problem.problem().context(), h);
        if (Numbers.parse(gold).isEmpty()) {
            List<String> others = knowledge.otherGolds(problem.problem().dataset(), gold);
            if (!others.isEmpty()) return others.get(SeededDraws.index(h, others.size()));
        }
        return Numbers.wrongAnswer(gold, problem.question(), h);
    }

    private String stepAnswer(String model, String question, KnownProblem problem, String subquestion) {
        return problem.stepFor(subquestion).orElseGet(() -> {
            long h = SeededDraws.hash(seed, model, question, subquestion);
            return String.format(STEP_SENTENCES.get(SeededDraws.index(h, STEP_SENTENCES.size())),
                    Numbers.plausibleAnswer(problem.question(), h));
        });
    }

    private double draw(String model, String question, String purpose) {
        return SeededDraws.uniform(seed, model, question, purpose);
    }

    private String pick(List<String> options, String model, String question, String purpose) {
        return options.get(SeededDraws.index(SeededDraws.hash(seed, model, question, purpose), options.size()));
    }

    private static String numbered(List<String> subquestions) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < subquestions.size(); i++) {
            lines.add((i + 1) + ". " + subquestions.get(i));
        }
        return String.join("\n", lines);
    }
}
