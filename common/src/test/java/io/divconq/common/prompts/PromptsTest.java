package io.divconq.common.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.llm.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptsTest {

    @Test
    void decomposePromptAsksForAtMostThreeSubquestionsOrNoDecomposition() {
        List<ChatMessage> m = Prompts.decompose("How many eggs?", "default");
        assertThat(m).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(m.get(1).content()).contains("at most three subquestions").contains("No decomposition")
                .endsWith("Question: How many eggs?");
    }

    @Test
    void staticSolvePromptListsSubquestionsAndTheAnswerMarker() {
        String user = Prompts.solveStatic("Q?", List.of("A?", "B?")).get(1).content();
        assertThat(user).contains("The answer is: <answer>").contains("Question: Q?\n\nSubquestions:\n1. A?\n2. B?");
        assertThat(Prompts.solveStatic("Q?", List.of()).get(1).content()).doesNotContain("Subquestions:");
    }

    @Test
    void sequentialPromptsCarryEarlierAnswers() {
        String step = Prompts.solveSubquestion("Q?", List.of("A?"), List.of("It is 4."), "B?").get(1).content();
        assertThat(step).contains("Q1: A?\nA1: It is 4.").endsWith("Subquestion: B?");
        assertThat(Prompts.solveSubquestion("Q?", List.of(), List.of(), "A?").get(1).content()).contains("(none)");
        String fin = Prompts.solveSequentialFinal("Q?", List.of("A?"), List.of("4")).get(1).content();
        assertThat(fin).contains("Subquestions and answers:\nQ1: A?\nA1: 4").contains("The answer is:");
    }

    @Test
    void unknownPromptVariantFailsClearly() {
        assertThatThrownBy(() -> Prompts.decompose("Q?", "missing-variant"))
                .hasMessageContaining("decompose.missing-variant.user.txt");
    }

    @Test
    void plainQuestionsGetTheQuestionAloneAndOneAnswer() {
        assertThat(Prompts.solveDirect("How many eggs?").get(1).content()).isEqualTo(
                "Solve the question step by step. End your reply with a final line of the form \"The answer is: <answer>\".\n\n"
                        + "Question: How many eggs?");
    }

    @Test
    void dropProblemsShowThePassageToDecomposerAndSolverAndMayAnswerSeveralSpans() {
        io.divconq.avro.Problem drop = io.divconq.avro.Problem.newBuilder().setId("q1").setDataset("drop")
                .setQuestion("Who scored first?").setContext(" The Raiders led early. ").setCreatedAtMs(0L).build();
        PromptQuestion q = PromptQuestion.of(drop);
        assertThat(Prompts.decompose(q, "default").get(1).content())
                .endsWith("\"No decomposition\".\n\nPassage: The Raiders led early.\n\nQuestion: Who scored first?");
        assertThat(Prompts.solveStatic(q, List.of("Who led?")).get(1).content()).isEqualTo(
                "Answer the subquestions one by one, then answer the original question. End your reply with a final line of the "
                        + "form \"The answer is: <answer>\". If the answer is several spans of the passage, give them all on that "
                        + "line, separated by semicolons.\n\nPassage: The Raiders led early.\n\nQuestion: Who scored first?\n\n"
                        + "Subquestions:\n1. Who led?");
        assertThat(Prompts.solveSubquestion(q, List.of(), List.of(), "Who led?").get(1).content())
                .contains("Passage: The Raiders led early.\n\nQuestion: Who scored first?");
        assertThat(Prompts.solveSequentialFinal(q, List.of("Who led?"), List.of("The Raiders")).get(1).content())
                .contains("separated by semicolons.\n\nPassage: The Raiders led early.\n\nQuestion: Who scored first?");
    }
}
