package io.divconq.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.solver.AnswerExtractor.Mode;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    /** reply | strict | flexible ("-" = none); "\n" in a reply is a line break. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "The answer is: 5 is wrong.\\nRechecking...\\nThe answer is: 18 | 18 | 18",
        "so the answer is **$1,200.** | $1,200 | $1,200",
        "THE ANSWER IS:\\n\\n  42.\\n | 42 | 42",
        "The answer is: 3.5 | 3.5 | 3.5",
        "The final answer is 18. | 18 | 18",
        "Final answer: 7 apples | 7 apples | 7",
        "Answer: Paris | Paris | -",
        "We get $x = 4$, so \\boxed{12}. | 12 | 12",
        "\\boxed{\\frac{1}{2}} | \\frac{1}{2} | 2",
        "The answer is 3, but checking: \\boxed{5} | 5 | 5",
        "\\boxed{5} and so the answer is 6 | 6 | 6",
        "Step 1: add 20 and 7.\\nTotal 27 apples | - | 27",
        "It costs -4.5 dollars | - | -4.5",
        "I cannot help with that | - | -",
        "The answer is:    | - | -",
    })
    void extractsStrictAndFlexibleAnswers(String reply, String strict, String flexible) {
        String text = reply.replace("\\n", "\n");

        AnswerExtractor.Extraction e = AnswerExtractor.extract(text);

        assertThat(e.strict()).isEqualTo(Optional.ofNullable(strict));
        assertThat(e.flexible()).isEqualTo(Optional.ofNullable(flexible));
    }

    @Test
    void strictModeFallsBackToFlexibleAndFlexibleModeNeverUsesTheMarker() {
        AnswerExtractor.Extraction marked = AnswerExtractor.extract("So 3 + 4 gives the answer is: seven");
        AnswerExtractor.Extraction unmarked = AnswerExtractor.extract("3 + 4 = 7");

        assertThat(marked.chosen(Mode.STRICT)).contains(new AnswerExtractor.Chosen("seven", "strict"));
        assertThat(marked.chosen(Mode.FLEXIBLE)).contains(new AnswerExtractor.Chosen("4", "flexible"));
        assertThat(unmarked.chosen(Mode.STRICT)).contains(new AnswerExtractor.Chosen("7", "flexible"));
        assertThat(AnswerExtractor.extract("no idea").chosen(Mode.STRICT)).isEmpty();
    }

    @Test
    void nothingToTakeIsEmptyAndAnswersAreCapped() {
        assertThat(AnswerExtractor.extract("")).isEqualTo(new AnswerExtractor.Extraction(Optional.empty(), Optional.empty()));
        assertThat(AnswerExtractor.extract(null)).isEqualTo(new AnswerExtractor.Extraction(Optional.empty(), Optional.empty()));
        assertThat(AnswerExtractor.strict("The answer is: " + "9".repeat(5000)).orElseThrow())
                .hasSize(AnswerExtractor.MAX_ANSWER_CHARS);
        assertThat(AnswerExtractor.flexible("9".repeat(5000)).orElseThrow()).hasSize(AnswerExtractor.MAX_ANSWER_CHARS);
    }

    @Test
    void modeParsesStrictAndFlexibleOnly() {
        assertThat(Mode.parse(null)).isEqualTo(Mode.STRICT);
        assertThat(Mode.parse(" Flexible ")).isEqualTo(Mode.FLEXIBLE);
        assertThatThrownBy(() -> Mode.parse("loose")).hasMessageContaining("strict or flexible");
    }
}
