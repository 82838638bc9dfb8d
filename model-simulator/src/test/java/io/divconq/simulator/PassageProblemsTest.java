package io.divconq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.divconq.datasets.metric.DropMetric;
import io.divconq.datasets.metric.DropNormalizer;
import io.divconq.prompts.PromptTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DROP-style problems: the passage is part of a problem's identity, wrong answers come from the passage. */
class PassageProblemsTest {

    @TempDir
    Path dir;

    private static String dropLine(String id, String passage, String question, String number, String span) {
        return String.format("{\"id\": \"%s\", \"passage_id\": \"p\", \"passage\": \"%s\", \"question\": \"%s\", \"answers\": "
                + "[{\"number\": \"%s\", \"date\": {\"day\": \"\", \"month\": \"\", \"year\": \"\"}, \"spans\": [%s]}]}",
                id, passage, question, number, span == null ? "" : "\"" + span + "\"");
    }

    private static String passage(int week, int goals) {
        return "In week " + week + " the Raiders beat the Houston Texans 27-16. Chaz Schilens caught " + (week + 3)
                + " passes and Kris Brown kicked " + goals + " field goals.";
    }

    @Test
    void theSameQuestionAboutTwoPassagesHasTwoGolds() throws Exception {
        Path file = dir.resolve("dev.jsonl");
        Files.writeString(file, dropLine("a", passage(1, 2), "How many field goals did Kris Brown kick?", "2", null) + "\n"
                + dropLine("b", passage(2, 5), "How many field goals did Kris Brown kick?", "5", null) + "\n");
        ProblemKnowledge knowledge = ProblemKnowledge.fromJsonLines(file);
        ReplyWriter writer = new ReplyWriter(SimulatorConfig.defaults(), knowledge);
        ModelProfile right = ModelProfile.of(1.0, 1.0, 1.0, 1.0, 0, 0);
        for (int week : new int[] {1, 2}) {
            String prompt = PromptTexts.solveDirect(
                    TemplatePrompts.drop("How many field goals did Kris Brown kick?", passage(week, week == 1 ? 2 : 5)));
            assertThat(PromptParser.passage(prompt)).isEqualTo(passage(week, week == 1 ? 2 : 5));
            String reply = writer.write("m", right, PromptParser.parse(prompt), PromptParser.passage(prompt)).content();
            assertThat(TemplatePrompts.finalAnswer(reply)).isEqualTo(week == 1 ? "2" : "5");
        }
        assertThat(knowledge.find("How many field goals did Kris Brown kick?", passage(2, 5)).orElseThrow().dataset()).isEqualTo("drop");
    }

    @Test
    void wrongAnswersAreOtherNumbersOrNamesOfThePassage() {
        String passage = passage(4, 3);
        for (long h = 0; h < 200; h++) {
            String number = PassageAnswers.wrong("3", passage, h);
            assertThat(number).isIn("4", "27", "16", "7");
            String name = PassageAnswers.wrong("Chaz Schilens", passage, h);
            assertThat(passage).contains(name);
            assertThat(DropNormalizer.normalize(name)).isNotEqualTo("chaz schilens").matches("[a-z ]+");
            String part = PassageAnswers.wrong("Kris Brown; Chaz Schilens", passage, h);
            assertThat(part).isNotEqualTo("Kris Brown; Chaz Schilens");
        }
        // Some wrong answers are partly right: the name with the word before it, or one span of several.
        java.util.Set<String> partly = new java.util.HashSet<>();
        for (long i = 0; i < 200; i++) {
            long h = i * 0x9E3779B97F4A7C15L;
            partly.add(PassageAnswers.wrong("Kris Brown", passage, h));
            partly.add(PassageAnswers.wrong("Chaz Schilens; Kris Brown", passage, h));
        }
        assertThat(partly).contains("and Kris Brown", "Chaz Schilens");
    }

    @Test
    void teacherAndStudentArmsScoreLikeThePapersDropColumn() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            lines.add(dropLine("q" + i, passage(i, 1 + i % 7), "How many field goals did Kris Brown kick?", Integer.toString(1 + i % 7), null));
        }
        Path file = dir.resolve("synthetic.jsonl");
        Files.write(file, lines);
        ProblemKnowledge knowledge = ProblemKnowledge.fromJsonLines(file);
        SimulatorConfig config = SimulatorConfig.defaults();
        ReplyWriter writer = new ReplyWriter(config, knowledge);
        double teacher = meanF1(writer, config, knowledge, SimulatorConfig.TEACHER);
        double student = meanF1(writer, config, knowledge, SimulatorConfig.STUDENT);
        assertThat(teacher).isCloseTo(0.561, offset(0.04));
        assertThat(student).isCloseTo(0.466, offset(0.04));
        assertThat(teacher - student).isGreaterThan(0.04);
    }

    /** Decompose with the decomposer, solve statically with sim-solver, score with the DROP metric. */
    private static double meanF1(ReplyWriter writer, SimulatorConfig config, ProblemKnowledge knowledge, String decomposer) {
        double sum = 0;
        for (Problem p : knowledge.problems()) {
            String decompose = PromptTexts.decompose(TemplatePrompts.drop(p.question(), p.context()), "default");
            List<String> subquestions = TemplatePrompts.parseDecomposition(writer.write(decomposer, config.profileFor(decomposer),
                    PromptParser.parse(decompose), PromptParser.passage(decompose)).content());
            String solve = PromptTexts.solveStatic(TemplatePrompts.drop(p.question(), p.context()), subquestions);
            String reply = writer.write(SimulatorConfig.SOLVER, config.profileFor(SimulatorConfig.SOLVER), PromptParser.parse(solve),
                    PromptParser.passage(solve)).content();
            sum += new DropMetric().judge(List.of(TemplatePrompts.finalAnswer(reply)), List.of(List.of(p.gold()))).get("f1");
        }
        return sum / knowledge.size();
    }
}
