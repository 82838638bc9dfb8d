package io.divconq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gsm8kAnswerTest {

    @Test
    void splitsAtTheLastMarker() {
        assertThat(Gsm8kAnswer.parse("She sells 9 eggs.\n9 * 2 = 18\n#### 18 "))
                .isEqualTo(new Gsm8kAnswer("She sells 9 eggs.\n9 * 2 = 18\n", "18"));
        assertThat(Gsm8kAnswer.parse("a #### b #### 7")).isEqualTo(new Gsm8kAnswer("a #### b ", "7"));
    }

    @Test
    void anAnswerWithoutMarkerHasNoGoldButCanBeTakenWhole() {
        Gsm8kAnswer a = Gsm8kAnswer.parse(" Paris ");
        assertThat(a.gold()).isNull();
        assertThat(a.goldOrWhole()).isEqualTo("Paris");
        assertThat(Gsm8kAnswer.parse("x\n#### 42").goldOrWhole()).isEqualTo("42");
    }
}
