package io.divconq.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemKnowledgeTest {

    private static final String QUESTION = "James decides to run 3 sprints 3 times a week.  He runs 60 meters each sprint.  "
            + "How many total meters does he run a week?";
    private static final String PLAIN = "{\"question\": \"" + QUESTION + "\", \"answer\": "
            + "\"He sprints 3*3=<<3*3=9>>9 times\\nSo he runs 9*60=<<9*60=540>>540 meters\\n#### 540\"}";
    private static final String SOCRATIC = "{\"id\": 17, \"question\": \"" + QUESTION.replace("  ", " ") + "\", \"answer\": "
            + "\"How many sprints does James run in a week? ** He sprints 3*3=<<3*3=9>>9 times\\n"
            + "How many meters does James run in a week? ** So he runs 9*60=<<9*60=540>>540 meters\\n#### 540\"}";

    @TempDir
    Path dir;

    @Test
    void socraticLinesGiveSubquestionsAndStepsWithoutCalculatorNotes() throws IOException {
        ProblemKnowledge knowledge = ProblemKnowledge.fromJsonLines(write("socratic.jsonl", SOCRATIC));

        Problem problem = knowledge.find(QUESTION).orElseThrow();

        assertThat(problem.id()).isEqualTo("17");
        assertThat(problem.gold()).isEqualTo("540");
        assertThat(problem.subquestions()).containsExactly(
                "How many sprints does James run in a week?", "How many meters does James run in a week?");
        assertThat(problem.steps()).containsExactly("He sprints 3*3=9 times", "So he runs 9*60=540 meters");
    }

    @Test
    void plainAndSocraticFilesMergeByQuestionTextIgnoringWhitespace() throws IOException {
        ProblemKnowledge knowledge = ProblemKnowledge.fromJsonLines(write("test.jsonl", PLAIN), write("soc.jsonl", SOCRATIC));

        assertThat(knowledge.size()).isEqualTo(1);
        Problem problem = knowledge.find(" " + QUESTION.replace(" ", "\n ")).orElseThrow();
        assertThat(problem.gold()).isEqualTo("540");
        assertThat(problem.id()).isEqualTo("17");
        assertThat(problem.subquestions()).hasSize(2);
    }

    @Test
    void plainAnswersKeepTheirSolutionAndGetADerivedDecomposition() throws IOException {
        ProblemKnowledge knowledge = ProblemKnowledge.fromJsonLines(write("test.jsonl", PLAIN));

        Problem problem = knowledge.find(QUESTION).orElseThrow();
        List<String> canonical = knowledge.canonicalSubquestions(QUESTION);

        assertThat(problem.subquestions()).isEmpty();
        assertThat(problem.steps()).containsExactly("He sprints 3*3=9 times", "So he runs 9*60=540 meters");
        assertThat(canonical).hasSizeBetween(2, 3).allSatisfy(s -> assertThat(s).startsWith("How ").endsWith("?"));
        assertThat(canonical.get(canonical.size() - 1)).isEqualTo("How many total meters does he run a week?");
    }

    @Test
    void derivedDecompositionTurnsNumericFactsIntoQuestions() {
        List<String> derived = ProblemKnowledge.empty().canonicalSubquestions(
                "Tom has 3 apples. The shop sells bags of 4 apples for $2. He buys 5 bags. How many apples does he have?");

        assertThat(derived).containsExactly(
                "How many apples are involved if Tom has 3 apples?",
                "How many bags are involved if he buys 5 bags?",
                "How many apples does he have?");
    }

    @Test
    void questionWithoutQuestionMarkEndsWithItsLastSentenceAsAQuestion() {
        List<String> derived = ProblemKnowledge.empty().canonicalSubquestions("Find the sum of 2 and 3.");

        assertThat(derived).containsExactly("Find the sum of 2 and 3?");
    }

    @Test
    void goodDecompositionKeepsAtMostThreeIncludingTheLast() {
        ProblemKnowledge knowledge = ProblemKnowledge.empty().add("Q with five steps?", "5",
                List.of("A?", "B?", "C?", "D?", "E?"), List.of("a", "b", "c", "d", "e"));

        assertThat(knowledge.goodDecomposition("Q with five steps?")).containsExactly("A?", "C?", "E?");
    }

    @Test
    void programmaticProblemsNeedOneStepPerSubquestion() {
        assertThatThrownBy(() -> ProblemKnowledge.empty().add("Q?", "1", List.of("A?", "B?"), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lineWithoutQuestionIsRejectedWithItsPosition() throws IOException {
        Path file = write("bad.jsonl", "{\"answer\": \"#### 4\"}");

        assertThatThrownBy(() -> ProblemKnowledge.fromJsonLines(file)).hasMessageContaining("bad.jsonl:1");
    }

    @Test
    void gsm8kTestSetLoadsWithSocraticDecompositionsForEveryQuestion() {
        ProblemKnowledge knowledge = ProblemKnowledge.fromGsm8kTest(TestProblems.gsm8kDirOrSkip());

        assertThat(knowledge.size()).isEqualTo(1319);
        assertThat(knowledge.problems()).allSatisfy(p -> {
            assertThat(p.gold()).isNotBlank();
            assertThat(p.subquestions()).isNotEmpty();
            assertThat(p.steps()).noneMatch(s -> s.contains("<<"));
        });
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
