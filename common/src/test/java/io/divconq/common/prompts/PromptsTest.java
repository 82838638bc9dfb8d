package io.divconq.common.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.llm.ChatMessage;
import java.util.List;
import java.util.Map;
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
    void valuesAreInsertedVerbatimNeverReinterpreted() {
        assertThat(Prompts.fill("Question: {question}", Map.of("question", "What is {history}?")))
                .isEqualTo("Question: What is {history}?");
    }

    @Test
    void unknownPromptVariantFailsClearly() {
        assertThatThrownBy(() -> Prompts.decompose("Q?", "missing-variant"))
                .hasMessageContaining("decompose.missing-variant.user.txt");
    }
}
