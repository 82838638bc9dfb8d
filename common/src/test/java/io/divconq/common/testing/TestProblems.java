package io.divconq.common.testing;

import io.divconq.avro.Problem;
import java.util.List;
import java.util.Map;

/** Problems for tests. */
public final class TestProblems {

    private TestProblems() {
    }

    public static Problem gsm8k(String id, String question, String gold) {
        return Problem.newBuilder().setId(id).setDataset("gsm8k").setQuestion(question)
                .setGoldAnswers(List.of(gold)).setCreatedAtMs(1_000L).setAttributes(Map.of()).build();
    }

    public static Problem eggs(String id) {
        return gsm8k(id, "Janet has 16 eggs, eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?", "18");
    }
}
