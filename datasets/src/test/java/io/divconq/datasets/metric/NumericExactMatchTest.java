package io.divconq.datasets.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericExactMatchTest {

    private final NumericExactMatch em = new NumericExactMatch();

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
            "18|18", "$18|18", "18 dollars|18", "$1,200.00|1200", "1200.0|1,200", "-5|-5", "0.5|.5",
            "She makes $18 every day|18", "9 * 2 = 18|18", "18.|18"})
    void normalisedNumbersMatch(String predicted, String gold) {
        assertThat(em.score(predicted, List.of(gold))).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = '|', value = {"17|18", "180|18", "no number|18", "-18|18", "1.8|18"})
    void differentNumbersDoNot(String predicted, String gold) {
        assertThat(em.score(predicted, List.of(gold))).isEqualTo(0.0);
    }

    @Test
    void goldMayBeAWholeGsm8kAnswerField() {
        assertThat(em.score("18", List.of("Janet sells 9 eggs.\nShe makes 9 * 2 = 18.\n#### 18"))).isEqualTo(1.0);
    }

    @Test
    void anyGoldAnswerCounts() {
        assertThat(em.score("7", List.of("6", "7"))).isEqualTo(1.0);
    }

    @Test
    void otherDatasetsUseNormalisedExactMatch() {
        NormalizedExactMatch m = new NormalizedExactMatch();
        assertThat(m.score("The Eiffel Tower.", List.of("eiffel tower"))).isEqualTo(1.0);
        assertThat(m.score("1,000", List.of("1000"))).isEqualTo(1.0);
        assertThat(m.score("Paris", List.of("London"))).isEqualTo(0.0);
    }
}
