package io.divconq.scorer.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.MetricComparison;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.stats.RunningMoments;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExperimentEvaluationTest {

    /** The default experiment with a cost bound of $0.001 per problem (the simulated costs stay below it). */
    private final ExperimentConfig config = ConfigLoader.defaults().mergeYaml(
            "experiment: {statistics: {maxCostPerProblemUsd: 0.001}}").build().experiment();
    private final ExperimentEvaluation evaluation = new ExperimentEvaluation(config);

    /**
     * n problems (all assigned under weight version 0, all with gold) with the given accuracy, {@code failed} of them
     * failed, and per-problem costs around meanCost (seeded noise).
     */
    static ArmStats arm(String name, long n, double accuracy, double meanCost, long failed, long seed) {
        return arm(name, n, accuracy, meanCost, failed, seed, Map.of("0", n));
    }

    static ArmStats arm(String name, long n, double accuracy, double meanCost, long failed, long seed, Map<String, Long> byVersion) {
        Random r = new Random(seed);
        long correct = Math.round(n * accuracy);
        RunningMoments cost = RunningMoments.EMPTY;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double c = meanCost * (0.8 + 0.4 * r.nextDouble());
            cost = cost.add(c);
            max = Math.max(max, c);
        }
        return ArmStats.newBuilder().setArm(name).setExperiment("teacher-vs-student").setProblems(n).setLabelled(n)
                .setCorrect(correct).setMetricSum(correct).setMetricSquaresSum(correct).setCostUsdDecompose(cost.sum() * 0.3)
                .setCostUsdSolve(cost.sum() * 0.7).setCostSquaresSum(cost.sumSquares())
                .setCostPredictableSquaresSum(cost.predictableSquares()).setMaxCostUsd(max)
                .setFailed(failed).setDeadLetters(failed).setAssignedByVersion(byVersion)
                .setSimulatedProblems(n).setLatencyHistogram(List.of()).build();
    }

    private static ExperimentControl change(String experiment, Map<String, Double> weights, String reason) {
        return ExperimentControl.newBuilder().setExperiment(experiment).setWeights(weights).setReason(reason)
                .setSource("user").setAtMs(2).build();
    }

    private ExperimentState with(ExperimentState s, ArmStats... arms) {
        for (ArmStats a : arms) s = evaluation.applyArmStats(s, a);
        return s;
    }

    private static MetricComparison comparison(ExperimentResult r, String metric) {
        return r.getComparisons().stream().filter(c -> c.getMetric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aMuchCheaperStudentWinsOnCostLongBeforeAccuracyIsDecided() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 600, 0.68, 0.00052, 0, 1), arm("student", 600, 0.65, 0.00035, 0, 2));
        var outcome = evaluation.evaluate(s, 1_000);
        ExperimentResult r = outcome.result();
        assertThat(comparison(r, ExperimentEvaluation.COST).getVerdict()).isEqualTo("BETTER");
        assertThat(comparison(r, ExperimentEvaluation.COST).getFirstDecidedTreatmentSamples()).isEqualTo(600);
        assertThat(comparison(r, ExperimentEvaluation.ACCURACY).getVerdict()).isEqualTo("NO_DIFFERENCE_YET");
        assertThat(comparison(r, ExperimentEvaluation.ACCURACY).getLower()).isLessThan(0);
        assertThat(comparison(r, ExperimentEvaluation.ACCURACY).getUpper()).isGreaterThan(0);
        assertThat(r.getArms()).extracting(a -> a.getArm()).containsExactly("teacher", "student");
        assertThat(r.getArms().get(0).getAccuracyLower()).isLessThan(0.68).isGreaterThan(0.3);

        // The first decision is remembered with its sample sizes, not overwritten later.
        ExperimentState later = with(outcome.state(), arm("teacher", 900, 0.68, 0.00052, 0, 3), arm("student", 900, 0.65, 0.00035, 0, 4));
        MetricComparison cost = comparison(evaluation.evaluate(later, 2_000).result(), ExperimentEvaluation.COST);
        assertThat(cost.getTreatmentSamples()).isEqualTo(900);
        assertThat(cost.getFirstDecidedTreatmentSamples()).isEqualTo(600);
        assertThat(cost.getFirstDecidedAtMs()).isEqualTo(1_000);
    }

    @Test
    void aClearlyWorseStudentTripsTheAccuracyGuardrailOnce() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 2000, 0.70, 0.0005, 0, 1), arm("student", 2000, 0.50, 0.0001, 0, 2));
        var outcome = evaluation.evaluate(s, 5_000);
        assertThat(comparison(outcome.result(), ExperimentEvaluation.ACCURACY).getVerdict()).isEqualTo("WORSE");
        assertThat(outcome.stopRouting()).singleElement().satisfies(c -> {
            assertThat(c.getWeights()).containsExactly(Map.entry("student", 0.0));
            assertThat(c.getSource()).isEqualTo("guardrail");
            assertThat(c.getReason()).contains("accuracy").contains("routing stopped");
        });
        assertThat(outcome.result().getGuardrails()).singleElement().satisfies(g -> assertThat(g.getArm()).isEqualTo("student"));
        // Once fired it is not fired again, and it stays on record.
        var again = evaluation.evaluate(outcome.state(), 6_000);
        assertThat(again.stopRouting()).isEmpty();
        assertThat(again.result().getGuardrails()).hasSize(1);
    }

    @Test
    void aCostAboveTheBoundWithholdsTheCostVerdict() {
        ArmStats spiky = ArmStats.newBuilder(arm("student", 600, 0.65, 0.00035, 0, 2)).setMaxCostUsd(0.002).build();
        ExperimentState s = with(evaluation.initialState(), arm("teacher", 600, 0.68, 0.00052, 0, 1), spiky);

        MetricComparison cost = comparison(evaluation.evaluate(s, 1).result(), ExperimentEvaluation.COST);

        assertThat(cost.getVerdict()).isEqualTo("NO_DIFFERENCE_YET");
        assertThat(cost.getNote()).isEqualTo(
                "a problem cost $0.0020, above maxCostPerProblemUsd $0.0010: cost verdict withheld; raise the bound");
        assertThat(cost.getLower()).isEqualTo(-0.001);
    }

    @Test
    void aFailureRateAboveTheLimitWithConfidenceTripsTheFailureGuardrailWithItsBound() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 1000, 0.70, 0.0005, 0, 1), arm("student", 1000, 0.68, 0.0001, 400, 2));
        var outcome = evaluation.evaluate(s, 5_000);
        assertThat(outcome.stopRouting()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).startsWith("guardrail failure_rate > 0.2: failure rate 0.400 over 1000 problems"));
        assertThat(outcome.result().getGuardrails()).singleElement().satisfies(g -> {
            assertThat(g.getThreshold()).isEqualTo(0.2);
            assertThat(g.getBound()).isGreaterThan(0.2).isLessThan(0.4);
        });
    }

    @Test
    void aFailureRateJustUnderTheLimitDoesNotFireOnNoise() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 400, 0.70, 0.0005, 0, 1), arm("student", 400, 0.60, 0.0001, 88, 2));
        var outcome = evaluation.evaluate(s, 5_000);
        assertThat(outcome.stopRouting()).isEmpty();
        assertThat(outcome.result().getArms().get(1).getFailureRateUpper()).isGreaterThan(0.22);
    }

    @Test
    void guardrailsWaitForEnoughResults() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 20, 0.90, 0.0005, 0, 1), arm("student", 20, 0.10, 0.0001, 10, 2));
        assertThat(evaluation.evaluate(s, 5_000).stopRouting()).isEmpty();
    }

    @Test
    void sampleRatioIsCheckedPerWeightVersionSoProblemsInFlightAcrossARampNeverCountAgainstTheNewWeights() {
        ExperimentState skewed = with(evaluation.initialState(),
                arm("teacher", 900, 0.7, 0.0005, 0, 1), arm("student", 100, 0.7, 0.0001, 0, 2));
        assertThat(evaluation.evaluate(skewed, 1).result().getSrm().getMismatch()).as("90/10 against 50/50").isTrue();

        ExperimentState s = evaluation.applyControl(evaluation.initialState(),
                change(config.name(), Map.of("teacher", 90.0, "student", 10.0), "start small"));
        // 500/500 under version 0, of which 64 per arm arrived after the change; then 450/50 under version 1.
        s = with(s, arm("teacher", 950, 0.7, 0.0005, 0, 3, Map.of("0", 500L, "1", 450L)),
                arm("student", 550, 0.7, 0.0001, 0, 4, Map.of("0", 500L, "1", 50L)));
        ExperimentResult r = evaluation.evaluate(s, 3).result();
        assertThat(r.getSrm().getMismatch()).isFalse();
        assertThat(r.getSrm().getMethod()).isEqualTo("sequential-per-version");
        assertThat(r.getSrm().getObservedByVersion()).containsEntry("1", Map.of("teacher", 450L, "student", 50L));
        assertThat(r.getSrm().getWeightsByVersion()).containsEntry("0", Map.of("teacher", 50.0, "student", 50.0))
                .containsEntry("1", Map.of("teacher", 90.0, "student", 10.0));
        assertThat(r.getWeightVersion()).isEqualTo(1);
        assertThat(r.getWeights()).containsEntry("student", 10.0);
        assertThat(r.getWeightChanges()).singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("start small"));
    }

    @Test
    void problemsForAnArmWithoutWeightInTheirVersionAreAMismatch() {
        ExperimentState s = evaluation.applyControl(evaluation.initialState(), change(config.name(), Map.of("student", 0.0), "stop"));
        ExperimentState inFlight = with(s, arm("teacher", 100, 0.7, 0.0005, 0, 1, Map.of("1", 100L)),
                arm("student", 5, 0.7, 0.0001, 0, 2, Map.of("0", 5L)));
        ExperimentState leaking = with(s, arm("teacher", 100, 0.7, 0.0005, 0, 1, Map.of("1", 100L)),
                arm("student", 5, 0.7, 0.0001, 0, 2, Map.of("1", 5L)));

        assertThat(evaluation.evaluate(inFlight, 2).result().getSrm().getMismatch()).isFalse();
        assertThat(evaluation.evaluate(leaking, 2).result().getSrm().getMismatch()).isTrue();
    }

    @Test
    void invalidChangesAreRecordedAsRejectedAndChangeNothing() {
        ExperimentState s = evaluation.applyControl(evaluation.initialState(), change(config.name(), Map.of("nobody", 5.0), "typo"));
        s = evaluation.applyControl(s, change(config.name(), Map.of("teacher", 0.0, "student", 0.0), "all off"));
        s = evaluation.applyControl(s, change("another-experiment", Map.of("student", 1.0), "not ours"));

        assertThat(s.getWeights()).isEqualTo(config.weights());
        assertThat(s.getWeightVersion()).isZero();
        ExperimentResult r = evaluation.evaluate(s, 1).result();
        assertThat(r.getRejectedChanges()).extracting(ExperimentControl::getReason).containsExactly("typo", "all off");
        assertThat(r.getWeightChanges()).isEmpty();
    }

    private static io.divconq.avro.DatasetStats dataset(long n, double accuracy, double cost) {
        long correct = Math.round(n * accuracy);
        return io.divconq.avro.DatasetStats.newBuilder().setProblems(n).setLabelled(n).setCorrect(correct).setMetricSum(correct)
                .setMetricSquaresSum(correct).setCostUsdSolve(n * cost).setCostSquaresSum(n * cost * cost).build();
    }

    @Test
    void verdictsPerDatasetShowAStudentThatIsWorseOnDropOnly() {
        ArmStats teacher = ArmStats.newBuilder(arm("teacher", 4000, 0.62, 0.0005, 0, 1))
                .setDatasets(Map.of("gsm8k", dataset(2000, 0.68, 0.0005), "drop", dataset(2000, 0.56, 0.0005))).build();
        ArmStats student = ArmStats.newBuilder(arm("student", 4000, 0.575, 0.0005, 0, 2))
                .setDatasets(Map.of("gsm8k", dataset(2000, 0.68, 0.0005), "drop", dataset(2000, 0.47, 0.0005))).build();
        ExperimentResult r = evaluation.evaluate(with(evaluation.initialState(), teacher, student), 1_000).result();
        assertThat(r.getComparisons()).extracting(c -> c.getDataset() + "/" + c.getMetric()).containsExactly(
                "null/accuracy", "null/cost_per_problem_usd", "drop/accuracy", "drop/cost_per_problem_usd",
                "gsm8k/accuracy", "gsm8k/cost_per_problem_usd");
        MetricComparison drop = r.getComparisons().get(2);
        assertThat(drop.getVerdict()).isEqualTo("WORSE");
        assertThat(drop.getDifference()).isCloseTo(-0.09, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(drop.getTreatmentSamples()).isEqualTo(2000);
        assertThat(r.getComparisons().get(4).getVerdict()).isIn("EQUIVALENT", "NO_DIFFERENCE_YET");
        assertThat(r.getComparisons().get(4).getDifference()).isZero();
    }

    @Test
    void oneDatasetNeedsNoSeparateVerdicts() {
        ArmStats teacher = ArmStats.newBuilder(arm("teacher", 100, 0.6, 0.0005, 0, 1)).setDatasets(Map.of("gsm8k", dataset(100, 0.6, 0.0005))).build();
        ArmStats student = ArmStats.newBuilder(arm("student", 100, 0.6, 0.0005, 0, 2)).setDatasets(Map.of("gsm8k", dataset(100, 0.6, 0.0005))).build();
        assertThat(evaluation.evaluate(with(evaluation.initialState(), teacher, student), 1_000).result().getComparisons())
                .extracting(MetricComparison::getDataset).containsOnlyNulls();
    }
}
