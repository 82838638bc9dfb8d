package io.divconq.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static ArmStats arm(String name, long problems, long labelled, long correct, double costDecompose, double costSolve,
                                long promptTokens, long completionTokens, long p50, long p95, long deadLetters) {
        return ArmStats.newBuilder().setArm(name).setProblems(problems).setLabelled(labelled).setCorrect(correct)
                .setMetricSum(correct).setCostUsdDecompose(costDecompose).setCostUsdSolve(costSolve)
                .setPromptTokens(promptTokens).setCompletionTokens(completionTokens).setLatencyHistogram(List.of())
                .setLatencyP50Ms(p50).setLatencyP95Ms(p95).setDeadLetters(deadLetters).setSimulatedProblems(problems)
                .setFailed(deadLetters).setStrictCorrect(correct).setFlexibleCorrect(correct + deadLetters)
                .setFailuresByKind(deadLetters == 0 ? Map.of() : Map.of("unusable-decomposition", deadLetters)).build();
    }

    @Test
    void tableLabelsTotalsShowsBothExtractionsTheFailuresAndBothLatenciesAndFitsAHundredColumns() {
        Map<String, ArmStats> arms = new TreeMap<>(Map.of(
                "teacher", ArmStats.newBuilder(arm("teacher", 12, 12, 9, 0.0061, 0.0084, 6768, 3672, 3629, 5314, 0))
                        .setPipelineLatencyHistogram(List.of(0L, 12L)).setPipelineLatencyP50Ms(3100).setPipelineLatencyP95Ms(4900).build(),
                "student-long-1", arm("student-long-1", 1200, 1000, 500, 1.5, 12.25, 600_000, 300_000, 123_456, 234_567, 17)));
        RunReport report = new RunReport(1229, 1212, 17, true, 30.7, "2026-11-25", arms, null);
        assertThat(report.table()).isEqualTo("""
                arm             problems  accuracy  $/problem  in tok  out tok  total $  dead
                -----------------------------------------------------------------------------
                student-long-1      1200     50.0%    0.01146     500      250  13.7500    17
                teacher               12     75.0%    0.00121     564      306   0.0145     0
                totals per arm: problems, total $, dead (dead-lettered); per problem: $/problem, in/out tok(ens)
                student-long-1: accuracy strict 50.0%, flexible 51.7%; failed 17 (as wrong), outage 0 (apart)
                teacher: accuracy strict 75.0%, flexible 75.0%; failed 0 (as wrong), outage 0 (apart)

                latency ms      end-to-end p50     p95  pipeline p50   p95
                ----------------------------------------------------------
                student-long-1          123456  234567           n/a   n/a
                teacher                   3629    5314          3100  4900
                up to the score: end-to-end from sending a problem, pipeline from the decomposer taking it
                1229 problems loaded, 1212 scored, 17 dead-lettered in 30.7 s; prices 2026-11-25
                SIMULATED: answers, accuracy, tokens and latency come from the model simulator, not a real model.
                """);
        assertThat(report.table().lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(100);
    }

    @Test
    void shadowRunsGetALinePerArmTheControlsMarkedAsTheBaseline() {
        ArmStats teacher = ArmStats.newBuilder(arm("teacher", 100, 100, 70, 0.1, 0.2, 1, 1, 1, 1, 0)).setShadowSampled(20)
                .setShadowPairs(20).setShadowAgreements(18).build();
        ArmStats student = ArmStats.newBuilder(arm("student", 100, 100, 70, 0.1, 0.2, 1, 1, 1, 1, 0)).setShadowSampled(28)
                .setShadowSkipped(4).setShadowFailures(1).setShadowPairs(20).setShadowAgreements(16).build();
        io.divconq.avro.ExperimentResult experiment = io.divconq.avro.ExperimentResult.newBuilder().setExperiment("e")
                .setControl("teacher").setUpdatedAtMs(1).setAlpha(0.05).setEquivalenceMargin(0.02).setWeights(Map.of())
                .setArms(List.of()).setComparisons(List.of()).setGuardrails(List.of()).setWeightChanges(List.of()).build();

        assertThat(RunReport.shadowLine("teacher", teacher, experiment))
                .isEqualTo("teacher: shadow control vs control (baseline): 20 sampled, 0 skipped (queue full), 0 failed, 20 paired,"
                        + " 0 not in yet, agreement 90.0%" + System.lineSeparator());
        assertThat(RunReport.shadowLine("student", student, experiment))
                .isEqualTo("student: shadow vs control: 28 sampled, 4 skipped (queue full), 1 failed, 20 paired, 3 not in yet,"
                        + " agreement 80.0%" + System.lineSeparator());
        assertThat(RunReport.shadowLine("student", arm("student", 100, 100, 70, 0.1, 0.2, 1, 1, 1, 1, 0), experiment))
                .as("no shadow traffic, no line").isEmpty();
    }

    @Test
    void verdictLinesGiveDifferenceIntervalSamplesAndVerdictInAHundredColumns() {
        var accuracy = io.divconq.avro.MetricComparison.newBuilder().setTreatment("student").setMetric("accuracy")
                .setDifference(0.111).setLower(-1.0).setUpper(1.0).setVerdict("NO_DIFFERENCE_YET")
                .setTreatmentSamples(15).setControlSamples(9).build();
        var cost = io.divconq.avro.MetricComparison.newBuilder().setTreatment("student").setMetric("cost_per_problem_usd")
                .setDifference(-0.000206).setLower(-0.0005).setUpper(-0.0000015).setVerdict("BETTER")
                .setTreatmentSamples(4721).setControlSamples(479).setFirstDecidedTreatmentSamples(3100L).setFirstDecidedControlSamples(310L)
                .build();

        String lines = RunReport.verdictLine(accuracy) + RunReport.verdictLine(cost);

        assertThat(lines).isEqualTo("""
                  student  accuracy                 +11.1 pp [-100.0, +100.0]        n 15 vs 9  NO_DIFFERENCE_YET
                  student  cost_per_problem_usd  -0.000206 $ [-0.000500, -0.000002]  n 4721 vs 479  BETTER
                           first decided at n 3100 vs 310
                """);
        assertThat(lines.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(100);
    }
}
