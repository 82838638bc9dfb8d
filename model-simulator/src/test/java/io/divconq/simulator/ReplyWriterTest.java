package io.divconq.simulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Decomposer and solver replies, built from the real prompt templates. */
class ReplyWriterTest {

    private static final List<Problem> PROBLEMS = TestProblems.inline(600);
    private static final ProblemKnowledge KNOWLEDGE = TestProblems.knowledgeOf(PROBLEMS);
    private static final ModelProfile PROFILE = SimulatorConfig.defaults().profileFor(SimulatorConfig.TEACHER);
    private static final Problem FIRST = PROBLEMS.get(0);

    private final ReplyWriter writer = new ReplyWriter(7, KNOWLEDGE);

    @Test
    void goodDecompositionIsTheCanonicalListAndPoorOneNeverIs() {
        ModelProfile alwaysGood = PROFILE.withReplyRates(1.0, 0.0, 0.0);
        ModelProfile alwaysPoor = PROFILE.withReplyRates(0.0, 0.0, 0.0);

        String good = reply("m", alwaysGood, TemplatePrompts.decompose(FIRST.question()));
        String poor = reply("m", alwaysPoor, TemplatePrompts.decompose(FIRST.question()));

        assertThat(good).isEqualTo(TemplatePrompts.numbered(FIRST.subquestions()));
        List<String> poorSubquestions = TemplatePrompts.parseDecomposition(poor);
        assertThat(poorSubquestions).hasSizeBetween(2, 3).doesNotContainAnyElementsOf(FIRST.subquestions());
        assertThat(KNOWLEDGE.lookup(FIRST.question()).isGoodDecomposition(poorSubquestions)).isFalse();
    }

    @Test
    void decompositionQualityIsTheShareOfGoodDecompositions() {
        ModelProfile student = PROFILE.withReplyRates(0.85, 0.0, 0.0);

        long good = PROBLEMS.stream().filter(p -> TemplatePrompts.parseDecomposition(
                reply("student", student, TemplatePrompts.decompose(p.question()))).equals(p.subquestions())).count();

        assertThat(good / (double) PROBLEMS.size()).isBetween(0.80, 0.90);
    }

    @Test
    void malformedRepliesHaveNoSubquestionsNoAnswerAndNoNumber() {
        ModelProfile broken = PROFILE.withReplyRates(0.95, 0.0, 1.0);

        String decomposition = reply("m", broken, TemplatePrompts.decompose(FIRST.question()));
        String solution = reply("m", broken, TemplatePrompts.solveStatic(FIRST.question(), FIRST.subquestions()));

        assertThat(decomposition).doesNotContain("?").doesNotContainPattern("\\d").doesNotContain("No decomposition");
        assertThat(solution).doesNotContain("The answer is").doesNotContain(":").doesNotContainPattern("\\d");
    }

    @Test
    void noDecompositionIsOnlyGivenForShortQuestions() {
        ModelProfile lazy = PROFILE.withReplyRates(0.95, 1.0, 0.0);
        String longQuestion = "Mia has 12 red beads and 30 blue beads in one box, and her brother has twice as many "
                + "red beads and half as many blue beads in another box on the top shelf of the cupboard. "
                + "How many beads do they have together?";

        assertThat(reply("m", lazy, TemplatePrompts.decompose(FIRST.question()))).isEqualTo("No decomposition");
        assertThat(reply("m", lazy, TemplatePrompts.decompose(longQuestion))).contains("?");
    }

    @Test
    void sameSeedGivesSameRepliesAndAnotherSeedChangesSome() {
        ReplyWriter again = new ReplyWriter(7, TestProblems.knowledgeOf(PROBLEMS));
        ReplyWriter otherSeed = new ReplyWriter(8, KNOWLEDGE);
        List<String> prompts = new ArrayList<>();
        for (Problem p : PROBLEMS.subList(0, 50)) {
            prompts.add(TemplatePrompts.decompose(p.question()));
            prompts.add(TemplatePrompts.solveStatic(p.question(), p.subquestions()));
            prompts.add(TemplatePrompts.solveDirect(p.question()));
        }

        List<String> first = prompts.stream().map(p -> reply(writer, "m", p)).toList();

        assertThat(prompts.stream().map(p -> reply(again, "m", p)).toList()).isEqualTo(first);
        assertThat(prompts.stream().map(p -> reply(otherSeed, "m", p)).toList()).isNotEqualTo(first);
    }

    @Test
    void solveReplyAnswersEachSubquestionThenGivesTheAnswerLine() {
        String solution = reply("m", PROFILE.withAccuracies(1.0, 1.0, 1.0),
                TemplatePrompts.solveStatic(FIRST.question(), FIRST.subquestions()));

        assertThat(solution.split("\n")).containsExactly(
                "1. " + FIRST.subquestions().get(0) + " " + FIRST.steps().get(0),
                "2. " + FIRST.subquestions().get(1) + " " + FIRST.steps().get(1),
                "The answer is: " + FIRST.gold());
    }

    @Test
    void sequentialStepAnswersWithTheWorkedStep() {
        String step = reply("m", PROFILE, TemplatePrompts.solveSubquestion(FIRST.question(),
                FIRST.subquestions().subList(0, 1), FIRST.steps().subList(0, 1), FIRST.subquestions().get(1)));

        assertThat(step).isEqualTo(FIRST.steps().get(1));
    }

    @Test
    void sequentialStepForAnUnknownSubquestionIsAShortSentenceWithANumber() {
        String step = reply("m", PROFILE, TemplatePrompts.solveSubquestion(FIRST.question(), List.of(), List.of(),
                "What colour are the bags?"));

        assertThat(step).containsPattern("\\d").endsWith(".").doesNotContain("\n");
    }

    @Test
    void unknownQuestionGetsAPlausibleNumberDeterministically() {
        String question = "A train travels 60 miles per hour for 3 hours. How far does it go?";

        String first = reply("m", PROFILE, TemplatePrompts.solveDirect(question));

        assertThat(TemplatePrompts.finalAnswer(first)).matches("\\d+(\\.\\d+)?");
        assertThat(reply("m", PROFILE, TemplatePrompts.solveDirect(question))).isEqualTo(first);
    }

    @Test
    void unknownQuestionsAreDecomposedFromTheirSentences() {
        String question = "A train travels 60 miles per hour. It runs for 3 hours. How far does it go?";

        String decomposition = reply("m", PROFILE.withReplyRates(1.0, 0.0, 0.0), TemplatePrompts.decompose(question));

        assertThat(TemplatePrompts.parseDecomposition(decomposition))
                .containsExactlyElementsOf(ProblemKnowledge.empty().goodDecomposition(question))
                .last().isEqualTo("How far does it go?");
    }

    private String reply(String model, ModelProfile profile, String userMessage) {
        return writer.write(model, profile, PromptParser.parse(userMessage)).content();
    }

    private static String reply(ReplyWriter writer, String model, String userMessage) {
        return writer.write(model, PROFILE, PromptParser.parse(userMessage)).content();
    }
}
