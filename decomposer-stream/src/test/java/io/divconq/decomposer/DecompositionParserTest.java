package io.divconq.decomposer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.common.async.UnparseableReplyException;
import org.junit.jupiter.api.Test;

class DecompositionParserTest {

    private final DecompositionParser parser = new DecompositionParser(3);

    @Test
    void keepsQuestionLinesWithoutTheirNumbering() {
        var parsed = parser.parse("""
                Here is how to break it down:
                1. How many eggs does Janet sell?
                2) How much does she make per egg?
                - **How much does she make per day?**
                The rest follows.""");
        assertThat(parsed).isEqualTo(new ParsedDecomposition.Subquestions(java.util.List.of(
                "How many eggs does Janet sell?", "How much does she make per egg?", "How much does she make per day?")));
    }

    @Test
    void keepsAtMostTheConfiguredNumberAndDropsRepeats() {
        var parsed = parser.parse("Q1: A?\nQ2: B?\nQ3: B?\nQ4: C?\nSubquestion 5: D?");
        assertThat(((ParsedDecomposition.Subquestions) parsed).questions()).containsExactly("A?", "B?", "C?");
    }

    @Test
    void noDecompositionMeansSolveDirectly() {
        assertThat(parser.parse("No decomposition")).isInstanceOf(ParsedDecomposition.NoDecomposition.class);
        assertThat(parser.parse("  no decomposition.\n")).isInstanceOf(ParsedDecomposition.NoDecomposition.class);
    }

    @Test
    void replyWithNeitherIsUnparseable() {
        assertThatThrownBy(() -> parser.parse("I'm sorry, I can't help with that."))
                .isInstanceOf(UnparseableReplyException.class).hasMessageContaining("no subquestion");
        assertThatThrownBy(() -> parser.parse("   ")).isInstanceOf(UnparseableReplyException.class);
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(UnparseableReplyException.class);
    }

    @Test
    void capsTheLengthOfEachSubquestion() {
        var parsed = (ParsedDecomposition.Subquestions) parser.parse("1. " + "x".repeat(2000) + "?");
        assertThat(parsed.questions().get(0)).hasSize(DecompositionParser.MAX_SUBQUESTION_CHARS);
    }
}
