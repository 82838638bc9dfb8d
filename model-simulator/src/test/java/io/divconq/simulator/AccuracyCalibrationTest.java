package io.divconq.simulator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** Accuracy per kind of decomposition matches the profile, outcomes are coupled, wrong answers are wrong. */
class AccuracyCalibrationTest {

    private static final ModelProfile SOLVER = ModelProfile.of(0.95, 0.70, 0.40, 0.30, 0, 0);
    private static final String MODEL = "sim-solver";

    @Test
    void inlineProblemsAreSolvedAtTheConfiguredAccuracies() {
        List<Problem> problems = TestProblems.inline(2000);
        assertCalibrated(problems, new ReplyWriter(11, TestProblems.knowledgeOf(problems)));
    }

    @Test
    void gsm8kTestSetIsSolvedAtTheConfiguredAccuracies() {
        ProblemKnowledge knowledge = ProblemKnowledge.fromGsm8kTest(TestProblems.gsm8kDirOrSkip());
        List<Problem> problems = List.copyOf(knowledge.problems());
        assertThat(problems).hasSize(1319);
        assertCalibrated(problems, new ReplyWriter(SimulatorConfig.DEFAULT_SEED, knowledge));
    }

    @Test
    void withDefaultModelsTheStudentDecomposerCostsAboutThreePoints() {
        ProblemKnowledge knowledge = ProblemKnowledge.fromGsm8kTest(TestProblems.gsm8kDirOrSkip());
        SimulatorConfig config = SimulatorConfig.defaults();
        ReplyWriter writer = new ReplyWriter(config.seed(), knowledge);

        double teacher = pipelineAccuracy(writer, config, SimulatorConfig.TEACHER, knowledge);
        double student = pipelineAccuracy(writer, config, SimulatorConfig.STUDENT, knowledge);

        assertThat(teacher).isBetween(0.645, 0.725);
        assertThat(teacher - student).isBetween(0.01, 0.05);
    }

    @Test
    void aStudentTrainedOnAnSdrFileDecomposesAboutAsWellAsThePapersSdrStudent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        ProblemKnowledge knowledge = ProblemKnowledge.fromGsm8kTest(TestProblems.gsm8kDirOrSkip());
        java.nio.file.Path sdr = dir.resolve("sdr.jsonl");
        java.nio.file.Files.write(sdr, java.util.Collections.nCopies(5000,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"1. How?\"}]}"));
        SimulatorConfig config = SimulatorConfig.fromYaml("students:\n  sim-student-sdr: {trainedOn: " + sdr + "}\n");
        ReplyWriter writer = new ReplyWriter(config.seed(), knowledge);

        double untrained = pipelineAccuracy(writer, config, SimulatorConfig.STUDENT, knowledge);
        double trained = pipelineAccuracy(writer, config, "sim-student-sdr", knowledge);

        assertThat(trained).as("SIMULATED SD-R student on GSM8K test").isCloseTo(0.678, offset(0.03));
        assertThat(trained - untrained).isPositive();
    }

    private static void assertCalibrated(List<Problem> problems, ReplyWriter writer) {
        ModelProfile poorDecomposer = SOLVER.withReplyRates(0.0, 0.0, 0.0);
        int good = 0;
        int poor = 0;
        int direct = 0;
        for (Problem p : problems) {
            List<String> goodSubquestions = TemplatePrompts.parseDecomposition(
                    reply(writer, "teacher", SOLVER.withReplyRates(1.0, 0.0, 0.0), TemplatePrompts.decompose(p.question())));
            List<String> poorSubquestions = TemplatePrompts.parseDecomposition(
                    reply(writer, "teacher", poorDecomposer, TemplatePrompts.decompose(p.question())));
            boolean withGood = correct(p, reply(writer, MODEL, SOLVER, TemplatePrompts.solveStatic(p.question(), goodSubquestions)));
            boolean withPoor = correct(p, reply(writer, MODEL, SOLVER, TemplatePrompts.solveStatic(p.question(), poorSubquestions)));
            boolean alone = correct(p, reply(writer, MODEL, SOLVER, TemplatePrompts.solveDirect(p.question())));
            if (withPoor || alone) {
                assertThat(withGood).as("coupled outcomes for %s", p.question()).isTrue();
            }
            good += withGood ? 1 : 0;
            poor += withPoor ? 1 : 0;
            direct += alone ? 1 : 0;
        }
        double n = problems.size();
        assertThat(good / n).isCloseTo(0.70, offset(0.04));
        assertThat(poor / n).isCloseTo(0.40, offset(0.04));
        assertThat(direct / n).isCloseTo(0.30, offset(0.04));
    }

    /** Decompose with {@code decomposer}, keep its subquestions as the pipeline does, solve with sim-solver. */
    private static double pipelineAccuracy(ReplyWriter writer, SimulatorConfig config, String decomposer,
                                           ProblemKnowledge knowledge) {
        Function<Problem, Boolean> solved = p -> {
            List<String> subquestions = TemplatePrompts.parseDecomposition(reply(writer, decomposer,
                    config.profileFor(decomposer), TemplatePrompts.decompose(p.question())));
            String prompt = subquestions.isEmpty() ? TemplatePrompts.solveDirect(p.question())
                    : TemplatePrompts.solveStatic(p.question(), subquestions);
            return correct(p, reply(writer, SimulatorConfig.SOLVER, config.profileFor(SimulatorConfig.SOLVER), prompt));
        };
        return knowledge.problems().stream().filter(solved::apply).count() / (double) knowledge.size();
    }

    /** Exact numeric match of the final answer; a wrong final answer must differ from the gold. */
    private static boolean correct(Problem problem, String reply) {
        String answer = TemplatePrompts.finalAnswer(reply);
        assertThat(answer).as("answer line in %s", reply).isNotNull();
        if (answer.equals(problem.gold())) {
            return true;
        }
        assertThat(number(answer)).as("wrong answer for gold %s", problem.gold()).isNotEqualByComparingTo(number(problem.gold()));
        return false;
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(",", "").replace("$", ""));
    }

    private static String reply(ReplyWriter writer, String model, ModelProfile profile, String userMessage) {
        return writer.write(model, profile, PromptParser.parse(userMessage)).content();
    }
}
