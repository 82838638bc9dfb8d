package io.divconq.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.dashboard.ExperimentJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetReportTest {

    private static DatasetStats stats(long n, long correct, Map<String, Double> measureSums, double cost) {
        // The value measure's sum: DROP's is f1, GSM8K's em.
        return DatasetStats.newBuilder().setProblems(n).setLabelled(n).setCorrect(correct).setMeasureSums(measureSums)
                .setMetricSum(measureSums.getOrDefault("f1", measureSums.get("em")))
                .setCostUsdSolve(cost).setPromptTokens(100 * n).setCompletionTokens(10 * n).build();
    }

    private static Map<String, ArmStats> arms() {
        Map<String, ArmStats> arms = new LinkedHashMap<>();
        arms.put("student", ArmStats.newBuilder().setArm("student").setLatencyHistogram(List.of()).setDatasets(Map.of(
                "drop", stats(4, 1, Map.of("em", 1.0, "f1", 2.5), 0.002),
                "gsm8k", stats(2, 2, Map.of("em", 2.0), 0.001))).build());
        arms.put("teacher", ArmStats.newBuilder().setArm("teacher").setLatencyHistogram(List.of()).setDatasets(Map.of(
                "drop", stats(2, 2, Map.of("em", 2.0, "f1", 2.0), 0.004))).build());
        return arms;
    }

    @Test
    void tableShowsEachDatasetsMeasuresPerArm() {
        assertThat(DatasetReport.table(arms(), null)).isEqualTo("""

                per dataset (measures averaged over labelled problems; correct = share judged correct):
                dataset  arm      problems  measures           correct  $/problem
                drop     student         4  em 25.0 f1 62.5      25.0%    0.00050
                drop     teacher         2  em 100.0 f1 100.0   100.0%    0.00200
                gsm8k    student         2  em 100.0            100.0%    0.00050
                """);
    }

    @Test
    void jsonHasEveryMeasureOfTheDatasetsMetric() throws Exception {
        var json = DatasetReport.json(arms(), null);
        assertThat(ExperimentJson.MAPPER.writeValueAsString(json)).isEqualTo("{\"drop\":{\"metric\":\"drop\",\"value_measure\":\"f1\","
                + "\"correct_measure\":\"em\",\"arms\":{"
                + "\"student\":{\"problems\":4,\"labelled\":4,\"correct\":1,\"accuracy\":0.625,\"correct_share\":0.25,"
                + "\"measures\":{\"em\":0.25,\"f1\":0.625},\"cost_usd_decompose\":0.0,\"cost_usd_solve\":0.002,"
                + "\"cost_per_problem_usd\":5.0E-4,\"prompt_tokens\":400,\"completion_tokens\":40},"
                + "\"teacher\":{\"problems\":2,\"labelled\":2,\"correct\":2,\"accuracy\":1.0,\"correct_share\":1.0,"
                + "\"measures\":{\"em\":1.0,\"f1\":1.0},\"cost_usd_decompose\":0.0,\"cost_usd_solve\":0.004,"
                + "\"cost_per_problem_usd\":0.002,\"prompt_tokens\":200,\"completion_tokens\":20}},\"verdicts\":[]},"
                + "\"gsm8k\":{\"metric\":\"gsm8k_exact_match\",\"value_measure\":\"em\",\"correct_measure\":\"em\",\"arms\":{"
                + "\"student\":{\"problems\":2,\"labelled\":2,\"correct\":2,\"accuracy\":1.0,\"correct_share\":1.0,"
                + "\"measures\":{\"em\":1.0},\"cost_usd_decompose\":0.0,\"cost_usd_solve\":0.001,"
                + "\"cost_per_problem_usd\":5.0E-4,\"prompt_tokens\":200,\"completion_tokens\":20}},\"verdicts\":[]}}");
    }

    @Test
    void oneDatasetNeedsNoBreakdownTable() {
        Map<String, ArmStats> one = Map.of("teacher", ArmStats.newBuilder().setArm("teacher").setLatencyHistogram(List.of())
                .setDatasets(Map.of("gsm8k", stats(2, 1, Map.of("em", 1.0), 0.001))).build());
        assertThat(DatasetReport.table(one, null)).isEmpty();
        assertThat(DatasetReport.json(one, null).get("gsm8k").arms().get("teacher").measures()).containsEntry("em", 0.5);
    }
}
