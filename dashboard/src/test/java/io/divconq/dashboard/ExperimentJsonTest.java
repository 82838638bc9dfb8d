package io.divconq.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.MetricComparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentJsonTest {

    private static ArmStats stats(String arm, long problems, long labelled, double metricSum) {
        return ArmStats.newBuilder().setArm(arm).setProblems(problems).setLabelled(labelled).setCorrect((long) metricSum)
                .setMetricSum(metricSum).setCostUsdDecompose(0.5).setCostUsdSolve(1.5).setPromptTokens(100)
                .setCompletionTokens(40).setLatencyHistogram(List.of()).setLatencyP50Ms(10).setLatencyP95Ms(20)
                .setLatencyP99Ms(30).setPipelineLatencyHistogram(List.of(0L, 4L)).setPipelineLatencyP50Ms(8)
                .setPipelineLatencyP95Ms(9).setDeadLetters(0).setSimulatedProblems(problems).setStrictCorrect(2).setFlexibleCorrect(3)
                .setFailed(1).setFailuresByKind(Map.of("no-answer", 1L)).build();
    }

    @Test
    void writesTheWholeResultInSnakeCaseWithNullsNotNaN() throws Exception {
        ExperimentResult r = ExperimentResult.newBuilder().setExperiment("e").setControl("teacher").setUpdatedAtMs(5)
                .setAlpha(0.05).setEquivalenceMargin(0.02).setWeights(Map.of("teacher", 50.0))
                .setArms(List.of(ArmResult.newBuilder().setArm("teacher").setStats(stats("teacher", 4, 4, 3)).setAccuracyLower(0.25)
                        .setAccuracyUpper(0.95).build()))
                .setComparisons(List.of(MetricComparison.newBuilder().setTreatment("student").setMetric("accuracy")
                        .setDifference(Double.NaN).setLower(-0.5).setUpper(null).setVerdict("NO_DIFFERENCE_YET")
                        .setTreatmentSamples(3).setControlSamples(4).build()))
                .setGuardrails(List.of()).setWeightChanges(List.of()).build();

        String json = ExperimentJson.MAPPER.writeValueAsString(ExperimentJson.of(r, "p1"));
        assertThat(json).isEqualTo(ExperimentJson.MAPPER.readTree("""
                {"experiment": "e", "control": "teacher", "updated_at_ms": 5, "simulated": true, "price_table_version": "p1",
                 "alpha": 0.05, "equivalence_margin": 0.02, "weights": {"teacher": 50.0},
                 "arms": [{"arm": "teacher", "role": "control", "weight": 50.0, "problems": 4, "labelled": 4,
                           "label_coverage": 1.0, "correct": 3, "accuracy": 0.75, "accuracy_ci": [0.25, 0.95],
                           "cost_usd_decompose": 0.5, "cost_usd_solve": 1.5, "cost_per_problem_usd": 0.5,
                           "cost_per_correct_usd": 0.6666666666666666, "prompt_tokens": 100, "completion_tokens": 40,
                           "latency_p50_ms": 10, "latency_p95_ms": 20, "latency_p99_ms": 30, "pipeline_latency_p50_ms": 8,
                           "pipeline_latency_p95_ms": 9, "dead_letters": 0,
                           "dead_letter_rate": 0.0, "strict_accuracy": 0.5, "flexible_accuracy": 0.75, "failed": 1,
                           "infrastructure_failures": 0, "failures_by_kind": {"no-answer": 1}, "feedback_labelled": 0,
                           "feedback_accuracy": null, "datasets": {}, "simulated": true, "shadow": null}],
                 "comparisons": [{"treatment": "student", "dataset": null, "metric": "accuracy", "treatment_mean": null, "control_mean": null,
                                  "difference": null, "relative_difference": null, "ci": [-0.5, null],
                                  "verdict": "NO_DIFFERENCE_YET", "samples_treatment": 3, "samples_control": 4,
                                  "first_decided": null}],
                 "srm": null, "guardrails": [], "weight_changes": []}
                """).toString());
    }

    @Test
    void shadowRunsShowTheirCountsAndTheControlsOwnRunsAsTheBaseline() throws Exception {
        ArmStats teacher = ArmStats.newBuilder(stats("teacher", 10, 10, 7)).setShadowSampled(3).setShadowPairs(2)
                .setShadowAgreements(1).setShadowCostUsd(0.25).build();
        ArmStats student = ArmStats.newBuilder(stats("student", 10, 10, 7)).setShadowSampled(5).setShadowSkipped(1)
                .setShadowFailures(1).setShadowPairs(2).setShadowAgreements(2).setShadowCostUsd(0.5).build();
        ExperimentResult r = ExperimentResult.newBuilder().setExperiment("e").setControl("teacher").setUpdatedAtMs(5)
                .setAlpha(0.05).setEquivalenceMargin(0.02).setWeights(Map.of("teacher", 50.0, "student", 50.0))
                .setArms(List.of(ArmResult.newBuilder().setArm("teacher").setStats(teacher).setAgreementLower(0.1).setAgreementUpper(0.9).build(),
                        ArmResult.newBuilder().setArm("student").setStats(student).build()))
                .setComparisons(List.of()).setGuardrails(List.of()).setWeightChanges(List.of()).build();

        var arms = ExperimentJson.MAPPER.readTree(ExperimentJson.MAPPER.writeValueAsString(ExperimentJson.of(r, "p1"))).get("arms");
        assertThat(arms.get(0).get("shadow").toString()).isEqualTo(ExperimentJson.MAPPER.readTree("""
                {"compared_with": "control-vs-control", "sampled": 3, "skipped": 0, "failures": 0, "pairs": 2, "agreements": 1,
                 "agreement": 0.5, "agreement_ci": [0.1, 0.9], "cost_usd": 0.25}""").toString());
        assertThat(arms.get(1).get("shadow").toString()).isEqualTo(ExperimentJson.MAPPER.readTree("""
                {"compared_with": "vs-control", "sampled": 5, "skipped": 1, "failures": 1, "pairs": 2, "agreements": 2,
                 "agreement": 1.0, "agreement_ci": [null, null], "cost_usd": 0.5}""").toString());
    }

    @Test
    void pipelineLatencyIsNullWhileNoProblemHasOne() {
        ArmStats before = ArmStats.newBuilder(stats("teacher", 4, 4, 3)).setPipelineLatencyHistogram(List.of())
                .setPipelineLatencyP50Ms(0).setPipelineLatencyP95Ms(0).build();

        ExperimentJson.Arm arm = ExperimentJson.Arm.of("teacher", before);

        assertThat(arm.pipelineLatencyP50Ms()).isNull();
        assertThat(arm.pipelineLatencyP95Ms()).isNull();
        assertThat(arm.latencyP50Ms()).isEqualTo(10);
    }
}
