package io.divconq.distill.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import io.divconq.avro.RolloutPhase;
import io.divconq.avro.RolloutState;
import io.divconq.common.config.ArmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RolloutControllerTest {

    private final ArmConfig.Rollout plan = new ArmConfig.Rollout(List.of(0.01, 0.05, 0.25, 0.5), 100, true, 0L);
    private final RolloutController controller = new RolloutController("student", plan);

    @Test
    void advancesStepByStepOnFavourableEvidenceAndSaysWhy() {
        RolloutState s = RolloutController.initial("student");
        List<Double> shares = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        long results = 0;
        for (int round = 0; round < 6; round++) {
            RolloutDecision d = controller.decide(s, result(results, "EQUIVALENT", "BETTER", List.of()), 1_000L * round);
            if (d instanceof RolloutDecision.Advance a) {
                shares.add(a.share());
                reasons.add(a.reason());
            }
            s = d.state();
            results += 100;
        }
        assertThat(shares).containsExactly(0.01, 0.05, 0.25, 0.5);
        assertThat(s.getPhase()).isEqualTo(RolloutPhase.COMPLETED);
        assertThat(reasons.get(0)).isEqualTo("rollout of student starts at step 1 of 4: 1.000% of traffic");
        assertThat(reasons.get(1)).isEqualTo("step 1→2 (1.000% → 5.000%) after 100 results and 1 s at this step: "
                + "accuracy EQUIVALENT: -0.5000 pp [-1.500, +0.5000] after 100 vs 900; "
                + "cost_per_problem_usd BETTER: -0.0002000 [-0.0002500, -0.0001500] after 100 vs 900; no guardrail");
    }

    @Test
    void neverAdvancesWithoutTheEvidence() {
        RolloutState s = controller.decide(RolloutController.initial("student"), result(0, "NO_DIFFERENCE_YET", "BETTER", List.of()), 0).state();
        assertThat(s.getStep()).isZero();

        assertHolds(s, result(99, "EQUIVALENT", "BETTER", List.of()), "99 of 100 results at 1.000%");
        assertHolds(s, result(500, "NO_DIFFERENCE_YET", "BETTER", List.of()), "waiting: accuracy NO_DIFFERENCE_YET");
        assertHolds(s, result(500, "WORSE", "BETTER", List.of()), "waiting: accuracy WORSE");
        assertHolds(s, result(500, "EQUIVALENT", "NO_DIFFERENCE_YET", List.of()), "waiting: cost_per_problem_usd NO_DIFFERENCE_YET");
        assertHolds(s, result(500, "EQUIVALENT", "WORSE", List.of()), "waiting: cost_per_problem_usd WORSE");
        ExperimentResult noComparison = result(500, "EQUIVALENT", "BETTER", List.of());
        noComparison.setComparisons(List.of());
        assertHolds(s, noComparison, "no accuracy verdict yet");
    }

    @Test
    void aStepAlsoNeedsItsTimeSoResultsRoutedBeforeItAreNotItsOnlyEvidence() {
        RolloutController dwelling = new RolloutController("student", new ArmConfig.Rollout(List.of(0.1, 0.5), 100, true, 60_000L));
        RolloutState s = dwelling.decide(RolloutController.initial("student"), result(0, "EQUIVALENT", "BETTER", List.of()), 1_000).state();
        RolloutDecision early = dwelling.decide(s, result(400, "EQUIVALENT", "BETTER", List.of()), 60_999);
        assertThat(early).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(early.reason()).isEqualTo("59999 of 60000 ms at 10.00%");
        assertThat(dwelling.decide(s, result(400, "EQUIVALENT", "BETTER", List.of()), 61_000)).isInstanceOf(RolloutDecision.Advance.class);
    }

    @Test
    void everyAccuracyComparisonMustHoldWhereThereAreSeveralDatasets() {
        RolloutState s = controller.decide(RolloutController.initial("student"), result(0, "EQUIVALENT", "BETTER", List.of()), 0).state();
        ExperimentResult perDataset = result(200, "BETTER", "BETTER", List.of());
        List<MetricComparison> comparisons = new ArrayList<>(perDataset.getComparisons());
        MetricComparison drop = comparison("accuracy", "WORSE", -0.04, -0.06, -0.02);
        drop.setDataset("drop");
        comparisons.add(drop);
        perDataset.setComparisons(comparisons);
        assertHolds(s, perDataset, "waiting: accuracy[drop] WORSE");
    }

    @Test
    void rollsBackToZeroWhenAGuardrailFiresAndStaysThere() {
        RolloutState s = RolloutController.initial("student");
        s = controller.decide(s, result(0, "EQUIVALENT", "BETTER", List.of()), 10).state();
        s = controller.decide(s, result(100, "EQUIVALENT", "BETTER", List.of()), 20).state();
        assertThat(s.getStep()).isEqualTo(1);

        GuardrailEvent fired = new GuardrailEvent("student", "accuracy_drop", "accuracy 8 points below control", 30L, null, null);
        RolloutDecision d = controller.decide(s, result(300, "EQUIVALENT", "BETTER", List.of(fired)), 30);
        assertThat(d).isInstanceOf(RolloutDecision.RollBack.class);
        assertThat(d.reason()).isEqualTo("rolled back to 0%: guardrail accuracy_drop fired (accuracy 8 points below control)");
        assertThat(d.state().getPhase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        RolloutDecision after = controller.decide(d.state(), result(900, "BETTER", "BETTER", List.of(fired)), 40);
        assertThat(after).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(after.reason()).isEqualTo("rolled_back");
    }

    @Test
    void aGuardrailOfAnotherArmOrFromBeforeTheRolloutDoesNotCount() {
        GuardrailEvent other = new GuardrailEvent("student-2", "dead_letters", "too many", 5L, null, null);
        RolloutState s = controller.decide(RolloutController.initial("student"), result(0, "EQUIVALENT", "BETTER", List.of()), 10).state();
        assertThat(controller.decide(s, result(100, "EQUIVALENT", "BETTER", List.of(other)), 20)).isInstanceOf(RolloutDecision.Advance.class);
    }

    @Test
    void pauseHoldsResumeGoesOnAbortRollsBack() {
        RolloutState s = controller.decide(RolloutController.initial("student"), result(0, "EQUIVALENT", "BETTER", List.of()), 0).state();
        RolloutState paused = controller.command(s, RolloutCommand.PAUSE, "holiday").state();
        assertHolds(paused, result(500, "EQUIVALENT", "BETTER", List.of()), "paused");
        RolloutState resumed = controller.command(paused, RolloutCommand.RESUME, "back").state();
        assertThat(controller.decide(resumed, result(500, "EQUIVALENT", "BETTER", List.of()), 5)).isInstanceOf(RolloutDecision.Advance.class);
        RolloutDecision abort = controller.command(resumed, RolloutCommand.ABORT, "bad answers reported");
        assertThat(abort).isInstanceOf(RolloutDecision.RollBack.class);
        assertThat(abort.state().getPhase()).isEqualTo(RolloutPhase.ABORTED);
    }

    @Test
    void commandsTravelAsExperimentControlSources() {
        assertThat(RolloutCommand.PAUSE.source("student")).isEqualTo("rollout:pause:student");
        assertThat(RolloutCommand.ofSource("rollout:abort:student")).contains(new RolloutCommand.Addressed(RolloutCommand.ABORT, "student"));
        assertThat(RolloutCommand.ofSource("rollout")).isEmpty();
        assertThat(RolloutCommand.ofSource("user")).isEmpty();
    }

    @Test
    void aShareBecomesTheWeightThatGivesItWhileOtherArmsKeepTheirs() {
        assertThat(RolloutWeights.forShare(Map.of("teacher", 99.0, "student", 0.0), "student", 0.01)).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(RolloutWeights.forShare(Map.of("teacher", 50.0, "student", 1.0), "student", 0.5)).isCloseTo(50.0, Offset.offset(1e-12));
        assertThatThrownBy(() -> RolloutWeights.forShare(Map.of("student", 1.0), "student", 0.5)).hasMessageContaining("no other arm");
    }

    @Test
    void stepsMustRiseWithinZeroToOne() {
        assertThatThrownBy(() -> new ArmConfig.Rollout(List.of(0.05, 0.01), 10, true, 0L)).hasMessageContaining("must rise");
        assertThatThrownBy(() -> new ArmConfig.Rollout(List.of(0.5, 1.5), 10, true, 0L)).hasMessageContaining("must rise");
    }

    private void assertHolds(RolloutState s, ExperimentResult r, String reasonStart) {
        RolloutDecision d = controller.decide(s, r, 99);
        assertThat(d).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(d.reason()).startsWith(reasonStart);
        assertThat(d.state()).isEqualTo(s);
    }

    static ExperimentResult result(long studentResults, String accuracyVerdict, String costVerdict, List<GuardrailEvent> guardrails) {
        return ExperimentResult.newBuilder().setExperiment("teacher-vs-student").setControl("teacher").setUpdatedAtMs(0)
                .setAlpha(0.05).setEquivalenceMargin(0.02).setWeights(Map.of("teacher", 99.0, "student", 1.0))
                .setArms(List.of(arm("teacher", studentResults * 9), arm("student", studentResults)))
                .setComparisons(List.of(comparison("accuracy", accuracyVerdict, -0.005, -0.015, 0.005),
                        comparison("cost_per_problem_usd", costVerdict, -0.0002, -0.00025, -0.00015)))
                .setGuardrails(guardrails).build();
    }

    private static ArmResult arm(String name, long problems) {
        return ArmResult.newBuilder().setArm(name).setStats(ArmStats.newBuilder().setArm(name).setProblems(problems).build()).build();
    }

    static MetricComparison comparison(String metric, String verdict, double diff, double lower, double upper) {
        return MetricComparison.newBuilder().setTreatment("student").setMetric(metric).setVerdict(verdict).setDifference(diff)
                .setLower(lower).setUpper(upper).setTreatmentSamples(100).setControlSamples(900).build();
    }
}
