package io.divconq.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.avro.MetricComparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dashboard's per-dataset panel and verdict cards read from /api/experiment. */
class ExperimentJsonDatasetsTest {

    @Test
    void armsCarryTheirPerDatasetMeasures() throws Exception {
        ArmStats s = ArmStats.newBuilder().setArm("teacher").setLatencyHistogram(List.of()).setDatasets(Map.of(
                "drop", DatasetStats.newBuilder().setProblems(4).setLabelled(4).setCorrect(1).setMetricSum(2.5)
                        .setMeasureSums(Map.of("f1", 2.5, "em", 1.0)).setCostUsdSolve(0.002).build())).build();
        assertThat(ExperimentJson.MAPPER.writeValueAsString(ExperimentJson.Dataset.of(s))).isEqualTo("{\"drop\":{\"problems\":4,\"labelled\":4,\"correct\":1,"
                + "\"accuracy\":0.625,\"correct_share\":0.25,\"measures\":{\"em\":0.25,\"f1\":0.625},\"cost_usd_decompose\":0.0,"
                + "\"cost_usd_solve\":0.002,\"cost_per_problem_usd\":5.0E-4,\"prompt_tokens\":0,\"completion_tokens\":0}}");
    }

    @Test
    void comparisonsSayWhichDatasetTheyAreAbout() {
        MetricComparison c = MetricComparison.newBuilder().setTreatment("student").setDataset("drop").setMetric("accuracy")
                .setVerdict("WORSE").setTreatmentSamples(10).setControlSamples(12).build();
        assertThat(json(c).get("dataset").asText()).isEqualTo("drop");
        assertThat(json(MetricComparison.newBuilder(c).setDataset(null).build()).get("dataset").isNull()).isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(MetricComparison c) {
        return ExperimentJson.MAPPER.valueToTree(ExperimentJson.Comparison.of(c));
    }
}
