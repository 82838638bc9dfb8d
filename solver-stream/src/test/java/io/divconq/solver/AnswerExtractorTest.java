package io.divconq.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    @Test
    void takesTheTextAfterTheLastMarker() {
        assertThat(AnswerExtractor.finalAnswer("The answer is: 5 is wrong.\nRechecking...\nThe answer is: 18")).contains("18");
        assertThat(AnswerExtractor.finalAnswer("so the answer is **$1,200.**")).contains("$1,200");
        assertThat(AnswerExtractor.finalAnswer("THE ANSWER IS:\n\n  42.\n")).contains("42");
        assertThat(AnswerExtractor.finalAnswer("The answer is: 3.5")).contains("3.5");
    }

    @Test
    void fallsBackToTheLastColon() {
        assertThat(AnswerExtractor.finalAnswer("Step 1: add.\nTotal: 27 apples")).contains("27 apples");
    }

    @Test
    void nothingToTakeIsEmpty() {
        assertThat(AnswerExtractor.finalAnswer("I cannot help with that")).isEmpty();
        assertThat(AnswerExtractor.finalAnswer("The answer is:   ")).isEmpty();
        assertThat(AnswerExtractor.finalAnswer("")).isEmpty();
        assertThat(AnswerExtractor.finalAnswer(null)).isEmpty();
    }

    @Test
    void capsTheAnswerLength() {
        assertThat(AnswerExtractor.finalAnswer("The answer is: " + "9".repeat(5000)).orElseThrow())
                .hasSize(AnswerExtractor.MAX_ANSWER_CHARS);
    }
}
