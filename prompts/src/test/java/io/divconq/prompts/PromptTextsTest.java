package io.divconq.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered prompts keep the contract a reader relies on: markers, sections, and where each section ends. */
class PromptTextsTest {

    private static final PromptSubject PLAIN = PromptSubject.plain("How many eggs?");
    private static final PromptSubject DROP = new PromptSubject("Who scored first?", " The Raiders led early. ", true);

    @Test
    void onlyTheDecompositionPromptMentionsNoDecomposition() {
        assertThat(PromptTexts.decompose(PLAIN, "default")).isEqualTo(
                "Break the question below into at most three subquestions that, answered in order, lead to its answer. "
                        + "Write them as a numbered list, one subquestion per line, each ending with a question mark. "
                        + "If the question is simple enough to answer directly, reply with exactly \""
                        + PromptContract.NO_DECOMPOSITION + "\".\n\n" + PromptContract.QUESTION + "How many eggs?");
        List<String> finals = List.of(PromptTexts.solveDirect(PLAIN), PromptTexts.solveStatic(PLAIN, List.of("A?")),
                PromptTexts.solveSequentialFinal(PLAIN, List.of("A?"), List.of("4")));
        assertThat(finals).allSatisfy(p -> assertThat(p).doesNotContain(PromptContract.NO_DECOMPOSITION)
                .contains(PromptContract.ANSWER + "<answer>").contains("\n\n" + PromptContract.QUESTION + "How many eggs?"));
        assertThat(PromptTexts.solveSubquestion(PLAIN, List.of(), List.of(), "A?"))
                .doesNotContain(PromptContract.NO_DECOMPOSITION).doesNotContain(PromptContract.ANSWER);
    }

    @Test
    void staticSolveListsTheSubquestionsInTheirSection() {
        assertThat(PromptTexts.solveStatic(PLAIN, List.of("A?", "B?")))
                .endsWith(PromptContract.QUESTION + "How many eggs?\n\n" + PromptContract.SUBQUESTIONS + "\n1. A?\n2. B?");
        assertThat(PromptTexts.solveStatic(PLAIN, List.of())).isEqualTo(PromptTexts.solveDirect(PLAIN));
    }

    @Test
    void sequentialPromptsCarryTheHistoryInTheirSections() {
        assertThat(PromptTexts.solveSubquestion(PLAIN, List.of("A?"), List.of(" It is 4. "), "B?"))
                .endsWith(PromptContract.QUESTION + "How many eggs?\n\n" + PromptContract.EARLIER_HISTORY
                        + "\nQ1: A?\nA1: It is 4.\n\n" + PromptContract.SUBQUESTION + "B?");
        assertThat(PromptTexts.solveSubquestion(PLAIN, List.of(), List.of(), "A?"))
                .contains(PromptContract.EARLIER_HISTORY + "\n" + PromptContract.EMPTY_HISTORY + "\n\n");
        assertThat(PromptTexts.solveSequentialFinal(PLAIN, List.of("A?"), List.of("4")))
                .endsWith(PromptContract.QUESTION + "How many eggs?\n\n" + PromptContract.HISTORY + "\nQ1: A?\nA1: 4")
                .doesNotContain(PromptContract.SUBQUESTION);
    }

    @Test
    void aPassageComesBeforeTheQuestionAndSpanAnswersAreAskedForSeparated() {
        assertThat(PromptTexts.solveStatic(DROP, List.of("Who led?"))).isEqualTo(
                "Answer the subquestions one by one, then answer the original question. End your reply with a final line of the "
                        + "form \"The answer is: <answer>\". If the answer is several spans of the passage, give them all on that "
                        + "line, separated by semicolons.\n\n" + PromptContract.PASSAGE + "The Raiders led early.\n\n"
                        + PromptContract.QUESTION + "Who scored first?\n\n" + PromptContract.SUBQUESTIONS + "\n1. Who led?");
        assertThat(PromptTexts.decompose(DROP, "default"))
                .endsWith("\n\n" + PromptContract.PASSAGE + "The Raiders led early.\n\n" + PromptContract.QUESTION + "Who scored first?")
                .doesNotContain("semicolons");
    }

    @Test
    void theDecompositionReplyIsTheNumberedListOrNoDecomposition() {
        assertThat(PromptTexts.decompositionReply(List.of("A?", "B?"))).isEqualTo("1. A?\n2. B?");
        assertThat(PromptTexts.decompositionReply(List.of())).isEqualTo(PromptContract.NO_DECOMPOSITION);
    }

    @Test
    void historyNeedsOneAnswerPerSubquestion() {
        assertThatThrownBy(() -> PromptContract.history(List.of("A?", "B?"), List.of("1")))
                .hasMessage("2 subquestions but 1 answers");
    }

    @Test
    void valuesAreInsertedVerbatimNeverReinterpreted() {
        assertThat(PromptTexts.fill("Question: {question}", Map.of("question", "What is {history}?")))
                .isEqualTo("Question: What is {history}?");
    }

    @Test
    void unknownPromptVariantFailsClearly() {
        assertThatThrownBy(() -> PromptTexts.decompose(PLAIN, "missing-variant"))
                .hasMessage("no prompt template decompose.missing-variant.user.txt under /io/divconq/prompts/");
    }
}
