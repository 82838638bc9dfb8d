package io.divconq.scorer.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.MetricComparison;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.ExperimentConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExperimentEvaluationTest {

    private final ExperimentConfig config = ConfigLoader.defaults().build().experiment();
    private final ExperimentEvaluation evaluation = new ExperimentEvaluation(config);

    /** n problems with the given accuracy and per-problem costs around meanCost (seeded noise). */
    static ArmStats arm(String name, long n, double accuracy, double meanCost, long deadLetters, long seed) {
        Random r = new Random(seed);
        long correct = Math.round(n * accuracy);
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++) {
            double c = meanCost * (0.8 + 0.4 * r.nextDouble());
            sum += c;
            squares += c * c;
        }
        return ArmStats.newBuilder().setArm(name).setExperiment("teacher-vs-student").setProblems(n).setLabelled(n)
                .setCorrect(correct).setMetricSum(correct).setMetricSquaresSum(correct).setCostUsdDecompose(sum * 0.3)
                .setCostUsdSolve(sum * 0.7).setCostSquaresSum(squares).setDeadLetters(deadLetters)
                .setSimulatedProblems(n).setLatencyHistogram(List.of()).build();
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
                arm("teacher", 60, 0.68, 0.00052, 0, 1), arm("student", 60, 0.65, 0.00035, 0, 2));
        var outcome = evaluation.evaluate(s, 1_000);
        ExperimentResult r = outcome.result();
        assertThat(comparison(r, ExperimentEvaluation.COST).getVerdict()).isEqualTo("BETTER");
        assertThat(comparison(r, ExperimentEvaluation.COST).getFirstDecidedTreatmentSamples()).isEqualTo(60);
        assertThat(comparison(r, ExperimentEvaluation.ACCURACY).getVerdict()).isEqualTo("NO_DIFFERENCE_YET");
        assertThat(comparison(r, ExperimentEvaluation.ACCURACY).getLower()).isLessThan(0);
        assertThat(comparison(r, ExperimentEvaluation.ACCURACY).getUpper()).isGreaterThan(0);
        assertThat(r.getArms()).extracting(a -> a.getArm()).containsExactly("teacher", "student");
        assertThat(r.getArms().get(0).getAccuracyLower()).isLessThan(0.68).isGreaterThan(0.3);

        // The first decision is remembered with its sample sizes, not overwritten later.
        ExperimentState later = with(outcome.state(), arm("teacher", 500, 0.68, 0.00052, 0, 3), arm("student", 500, 0.65, 0.00035, 0, 4));
        MetricComparison cost = comparison(evaluation.evaluate(later, 2_000).result(), ExperimentEvaluation.COST);
        assertThat(cost.getTreatmentSamples()).isEqualTo(500);
        assertThat(cost.getFirstDecidedTreatmentSamples()).isEqualTo(60);
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
    void tooManyDeadLettersTripTheDeadLetterGuardrail() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 100, 0.70, 0.0005, 0, 1), arm("student", 60, 0.70, 0.0001, 40, 2));
        var outcome = evaluation.evaluate(s, 5_000);
        assertThat(outcome.stopRouting()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).contains("dead-letter rate 0.400 over 100 problems"));
    }

    @Test
    void guardrailsWaitForEnoughResults() {
        ExperimentState s = with(evaluation.initialState(),
                arm("teacher", 20, 0.90, 0.0005, 0, 1), arm("student", 20, 0.10, 0.0001, 10, 2));
        assertThat(evaluation.evaluate(s, 5_000).stopRouting()).isEmpty();
    }

    @Test
    void sampleRatioIsCheckedAgainstTheCurrentWeightsFromTheLastChangeOn() {
        ExperimentState s = with(evaluation.initialState(), arm("teacher", 900, 0.7, 0.0005, 0, 1), arm("student", 100, 0.7, 0.0001, 0, 2));
        assertThat(evaluation.evaluate(s, 1).result().getSrm().getMismatch()).as("90/10 against 50/50").isTrue();

        ExperimentControl ramp = ExperimentControl.newBuilder().setExperiment(config.name())
                .setWeights(Map.of("teacher", 90.0, "student", 10.0)).setReason("start small").setSource("user").setAtMs(2).build();
        s = evaluation.applyControl(s, ramp);
        s = with(s, arm("teacher", 900 + 450, 0.7, 0.0005, 0, 3), arm("student", 100 + 50, 0.7, 0.0001, 0, 4));
        ExperimentResult r = evaluation.evaluate(s, 3).result();
        assertThat(r.getSrm().getMismatch()).as("450/50 since the change, against 90/10").isFalse();
        assertThat(r.getSrm().getObserved()).containsEntry("teacher", 450L).containsEntry("student", 50L);
        assertThat(r.getWeights()).containsEntry("student", 10.0);
        assertThat(r.getWeightChanges()).singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("start small"));
    }

    @Test
    void armsWithoutWeightAreLeftOutOfTheRatioCheck() {
        ExperimentState s = evaluation.applyControl(evaluation.initialState(), ExperimentControl.newBuilder()
                .setExperiment(config.name()).setWeights(Map.of("student", 0.0)).setReason("stop").setSource("guardrail").setAtMs(1).build());
        s = with(s, arm("teacher", 100, 0.7, 0.0005, 0, 1), arm("student", 5, 0.7, 0.0001, 0, 2));
        assertThat(evaluation.evaluate(s, 2).result().getSrm()).isNull();
    }

    @Test
    void changesForUnknownArmsOrOtherExperimentsChangeNothing() {
        ExperimentState s = evaluation.applyControl(evaluation.initialState(), ExperimentControl.newBuilder()
                .setExperiment(config.name()).setWeights(Map.of("nobody", 5.0)).setReason("typo").setSource("user").setAtMs(1).build());
        assertThat(s.getWeights()).isEqualTo(config.weights());
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
