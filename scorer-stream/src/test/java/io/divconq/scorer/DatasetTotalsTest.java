package io.divconq.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DatasetStats;
import io.divconq.avro.Score;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetTotalsTest {

    private static Score score(String dataset, Double value, Boolean correct, Map<String, Double> measures, double cost) {
        return Score.newBuilder().setProblemId("p").setArm("teacher").setDataset(dataset).setSolverMode(SolverMode.STATIC)
                .setPredicted("x").setGoldAnswers(List.of()).setMetric("drop").setMetricValue(value).setCorrect(correct)
                .setMeasures(measures).setSolveModel("m").setDecomposeUsage(new TokenUsage(10L, 2L)).setSolveUsage(new TokenUsage(100L, 20L))
                .setCostUsdDecompose(cost / 4).setCostUsdSolve(3 * cost / 4).setPriceTableVersion("v").setModelLatencyMs(1L)
                .setEndToEndLatencyMs(1L).setScoredAtMs(1L).build();
    }

    @Test
    void addsEveryMeasureOfEachDatasetApartAndTakesItBack() {
        Map<String, DatasetStats> t = Map.of();
        t = DatasetTotals.add(t, score("drop", 0.5, false, Map.of("em", 0.0, "f1", 0.5), 0.004), +1);
        t = DatasetTotals.add(t, score("drop", 1.0, true, Map.of("em", 1.0, "f1", 1.0), 0.004), +1);
        t = DatasetTotals.add(t, score("gsm8k", 1.0, true, Map.of("em", 1.0), 0.002), +1);
        t = DatasetTotals.add(t, score("gsm8k", null, null, Map.of(), 0.002), +1);
        assertThat(t).containsOnlyKeys("drop", "gsm8k");
        DatasetStats drop = t.get("drop");
        assertThat(drop).isEqualTo(DatasetStats.newBuilder().setProblems(2).setLabelled(2).setCorrect(1).setMetricSum(1.5)
                .setMetricSquaresSum(1.25).setMeasureSums(Map.of("em", 1.0, "f1", 1.5)).setCostUsdDecompose(0.002).setCostUsdSolve(0.006)
                .setCostSquaresSum(2 * 0.004 * 0.004).setPromptTokens(220).setCompletionTokens(44).build());
        assertThat(t.get("gsm8k").getProblems()).isEqualTo(2);
        assertThat(t.get("gsm8k").getLabelled()).isEqualTo(1);

        Map<String, DatasetStats> back = DatasetTotals.add(t, score("gsm8k", null, null, Map.of(), 0.002), -1);
        assertThat(back.get("gsm8k").getProblems()).isEqualTo(1);
        assertThat(back.get("drop")).isEqualTo(drop);
    }
}
