package io.divconq.simulator;

import java.util.List;

/** A parsed user prompt: the task, the question and the subquestions it carries. */
public sealed interface Prompt {

    Task task();

    /** The question, whitespace-normalised. */
    String question();

    /** Subquestions in the prompt (for solve prompts: the decomposition; for a step: the earlier ones). */
    List<String> subquestions();

    record Decompose(String question) implements Prompt {
        public Task task() {
            return Task.DECOMPOSE;
        }

        public List<String> subquestions() {
            return List.of();
        }
    }

    record StaticSolve(String question, List<String> subquestions) implements Prompt {
        public StaticSolve {
            subquestions = List.copyOf(subquestions);
        }

        public Task task() {
            return Task.STATIC_SOLVE;
        }
    }

    /** One subquestion of a sequential solve; {@code subquestions} are the earlier ones from the history. */
    record SequentialStep(String question, List<String> subquestions, String subquestion) implements Prompt {
        public SequentialStep {
            subquestions = List.copyOf(subquestions);
        }

        public Task task() {
            return Task.SEQUENTIAL_STEP;
        }
    }

    record SequentialFinal(String question, List<String> subquestions) implements Prompt {
        public SequentialFinal {
            subquestions = List.copyOf(subquestions);
        }

        public Task task() {
            return Task.SEQUENTIAL_FINAL;
        }
    }

    record DirectSolve(String question) implements Prompt {
        public Task task() {
            return Task.DIRECT_SOLVE;
        }

        public List<String> subquestions() {
            return List.of();
        }
    }
}
