package io.divconq.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Task detection and extraction for every prompt template of the project. */
class PromptParserTest {

    private static final String QUESTION = "A robe takes 2 bolts of blue fiber and half that much white fiber.  "
            + "How many bolts in total does it take?";
    private static final String NORMALISED = "A robe takes 2 bolts of blue fiber and half that much white fiber. "
            + "How many bolts in total does it take?";
    private static final List<String> SUBQUESTIONS =
            List.of("How many bolts of white fiber does it take?", "How many bolts in total does it take?");

    @Test
    void decomposeTemplateIsDetected() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.decompose(QUESTION));

        assertThat(prompt).isEqualTo(new Prompt.Decompose(NORMALISED));
    }

    @Test
    void staticSolveTemplateCarriesItsSubquestions() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.solveStatic(QUESTION, SUBQUESTIONS));

        assertThat(prompt).isEqualTo(new Prompt.StaticSolve(NORMALISED, SUBQUESTIONS));
    }

    @Test
    void directSolveTemplateIsDetected() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.solveDirect(QUESTION));

        assertThat(prompt).isEqualTo(new Prompt.DirectSolve(NORMALISED));
    }

    @Test
    void subquestionTemplateIsOneSequentialStep() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.solveSubquestion(
                QUESTION, SUBQUESTIONS.subList(0, 1), List.of("It takes 1 bolt."), SUBQUESTIONS.get(1)));

        assertThat(prompt).isEqualTo(new Prompt.SequentialStep(NORMALISED, SUBQUESTIONS.subList(0, 1), SUBQUESTIONS.get(1)));
    }

    @Test
    void firstSequentialStepHasAnEmptyHistory() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.solveSubquestion(QUESTION, List.of(), List.of(), SUBQUESTIONS.get(0)));

        assertThat(prompt.task()).isEqualTo(Task.SEQUENTIAL_STEP);
        assertThat(prompt.question()).isEqualTo(NORMALISED);
        assertThat(prompt.subquestions()).isEmpty();
        assertThat(((Prompt.SequentialStep) prompt).subquestion()).isEqualTo(SUBQUESTIONS.get(0));
    }

    @Test
    void sequentialFinalTemplateReadsSubquestionsFromTheHistory() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.solveSequentialFinal(
                QUESTION, SUBQUESTIONS, List.of("It takes 1 bolt.", "It takes 3 bolts.")));

        assertThat(prompt).isEqualTo(new Prompt.SequentialFinal(NORMALISED, SUBQUESTIONS));
    }

    @Test
    void sequentialFinalWithoutHistoryHasNoSubquestions() {
        Prompt prompt = PromptParser.parse(TemplatePrompts.solveSequentialFinal(QUESTION, List.of(), List.of()));

        assertThat(prompt.task()).isEqualTo(Task.SEQUENTIAL_FINAL);
        assertThat(prompt.subquestions()).isEmpty();
    }

    @Test
    void questionSpanningLinesEndsAtTheBlankLine() {
        Prompt prompt = PromptParser.parse("Solve it.\n\nQuestion: First line\nsecond line?\n\nSubquestions:\n1. A?\n2) B?\n");

        assertThat(prompt).isEqualTo(new Prompt.StaticSolve("First line second line?", List.of("A?", "B?")));
    }

    @Test
    void messageWithoutMarkersIsADirectSolveOfTheWholeText() {
        Prompt prompt = PromptParser.parse("  What is 6 times 7?  ");

        assertThat(prompt).isEqualTo(new Prompt.DirectSolve("What is 6 times 7?"));
    }
}
