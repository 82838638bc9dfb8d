package io.divconq.distill.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import io.divconq.avro.RolloutPhase;
import io.divconq.avro.RolloutState;
import io.divconq.common.config.ArmConfig;
import io.divconq.distill.testing.ScoredExperiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RolloutControllerTest {

    private final ArmConfig.Rollout plan = new ArmConfig.Rollout(List.of(0.01, 0.05, 0.25, 0.5), 100, true, 0L);
    private final RolloutController controller = new RolloutController("student", plan);
    private final ScoredExperiment scorer = new ScoredExperiment();

    @Test
    void advancesStepByStepOnFavourableEvidenceAndSaysWhy() {
        RolloutState s = RolloutController.initial("student");
        List<Double> shares = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            RolloutDecision d = decideAndApply(s, scorer.favourable(), 1_000L * round);
            if (d instanceof RolloutDecision.Advance a) {
                shares.add(a.share());
                reasons.add(a.reason());
            }
            s = d.state();
            scorer.scored(100);
        }
        assertThat(shares).containsExactly(0.01, 0.05, 0.25, 0.5);
        assertThat(s.getPhase()).isEqualTo(RolloutPhase.COMPLETED);
        assertThat(reasons.get(0)).isEqualTo("rollout of student starts at step 1 of 4: 1.000% of traffic");
        assertThat(reasons.get(1)).isEqualTo("step 1→2 (1.000% → 5.000%) after 100 results at weight version 1+ and 1 s at this step: "
                + "accuracy EQUIVALENT: -0.5000 pp [-1.500, +0.5000] after 100 vs 900; "
                + "cost_per_problem_usd BETTER: -0.0002000 [-0.0002500, -0.0001500] after 100 vs 900; no guardrail");
        assertThat(reasons.get(3)).startsWith("step 3→4 (25.00% → 50.00%) after 100 results at weight version 3+ and 1 s at this step: ");
    }

    @Test
    void aStepNeverAdvancesOnResultsAssignedUnderTheOldWeights() {
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.favourable(), 0).state();
        scorer.scored(100);
        RolloutDecision toFive = controller.decide(s, scorer.favourable(), 1_000);
        assertThat(toFive).isInstanceOf(RolloutDecision.Advance.class);
        s = toFive.state();

        // The change to 5% is on its way; problems assigned at 1% keep arriving.
        scorer.scored(500);
        assertHolds(s, scorer.favourable(), "waiting for the change to 5.000% to be accepted");
        // Someone else's change is accepted first: the arm is still at 1% under it.
        scorer.accept(change("user", Map.of("teacher", 98.0), 1_100)).scored(300);
        assertHolds(s, scorer.favourable(), "waiting for the change to 5.000% to be accepted");

        scorer.accept(change("rollout", Map.of("student", 5.21), 1_000));
        assertThat(scorer.version()).isEqualTo(3);
        scorer.scoredAt(1, 400).scoredAt(2, 400);
        RolloutDecision stale = controller.decide(s, scorer.favourable(), 2_000);
        assertThat(stale).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(stale.reason()).isEqualTo("0 of 100 results at 5.000% (weight version 3)");
        s = stale.state();
        assertThat(s.getStepWeightVersion()).isEqualTo(3L);

        scorer.scored(60).accept(change("user", Map.of("teacher", 99.0), 2_500)).scored(39);
        assertHolds(s, scorer.favourable(), "99 of 100 results at 5.000% (weight version 3)");
        scorer.scored(1);
        RolloutDecision next = controller.decide(s, scorer.favourable(), 3_000);
        assertThat(next).isInstanceOf(RolloutDecision.Advance.class);
        assertThat(((RolloutDecision.Advance) next).share()).isEqualTo(0.25);
        assertThat(next.reason()).startsWith("step 2→3 (5.000% → 25.00%) after 100 results at weight version 3+ and 2 s at this step: ");
        assertThat(next.state().getStepWeightVersion()).isNull();
        assertThat(next.state().getStepStartedAtMs()).isEqualTo(3_000);
    }

    @Test
    void aStepKeepsItsVersionOnceKnownEvenWhenTheChangeIsNoLongerListed() {
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.favourable(), 0).state();
        scorer.scored(40);
        s = controller.decide(s, scorer.favourable(), 10).state();
        assertThat(s.getStepWeightVersion()).isEqualTo(1L);
        scorer.scored(60);
        ExperimentResult withoutHistory = scorer.favourable();
        withoutHistory.setWeightChanges(List.of());
        assertThat(controller.decide(s, withoutHistory, 20)).isInstanceOf(RolloutDecision.Advance.class);
    }

    @Test
    void neverAdvancesWithoutTheEvidence() {
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.result("NO_DIFFERENCE_YET", "BETTER", List.of()), 0).state();
        assertThat(s.getStep()).isZero();
        scorer.scored(99);
        s = controller.decide(s, scorer.favourable(), 5).state();

        assertHolds(s, scorer.favourable(), "99 of 100 results at 1.000% (weight version 1)");
        scorer.scored(401);
        assertHolds(s, scorer.result("NO_DIFFERENCE_YET", "BETTER", List.of()), "waiting: accuracy NO_DIFFERENCE_YET");
        assertHolds(s, scorer.result("WORSE", "BETTER", List.of()), "waiting: accuracy WORSE");
        assertHolds(s, scorer.result("EQUIVALENT", "NO_DIFFERENCE_YET", List.of()), "waiting: cost_per_problem_usd NO_DIFFERENCE_YET");
        assertHolds(s, scorer.result("EQUIVALENT", "WORSE", List.of()), "waiting: cost_per_problem_usd WORSE");
        ExperimentResult noComparison = scorer.favourable();
        noComparison.setComparisons(List.of());
        assertHolds(s, noComparison, "no accuracy verdict yet");
    }

    @Test
    void aStepCanAlsoAskForTimeAtIt() {
        RolloutController dwelling = new RolloutController("student", new ArmConfig.Rollout(List.of(0.1, 0.5), 100, true, 60_000L));
        RolloutDecision first = dwelling.decide(RolloutController.initial("student"), scorer.favourable(), 1_000);
        scorer.accept(change("rollout", Map.of("student", 11.0), 1_000)).scored(400);
        RolloutDecision early = dwelling.decide(first.state(), scorer.favourable(), 60_999);
        assertThat(early).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(early.reason()).isEqualTo("59999 of 60000 ms at 10.00%");
        assertThat(dwelling.decide(early.state(), scorer.favourable(), 61_000)).isInstanceOf(RolloutDecision.Advance.class);
    }

    @Test
    void everyAccuracyComparisonMustHoldWhereThereAreSeveralDatasets() {
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.favourable(), 0).state();
        scorer.scored(200);
        s = controller.decide(s, scorer.result("NO_DIFFERENCE_YET", "BETTER", List.of()), 5).state();
        ExperimentResult perDataset = scorer.result("BETTER", "BETTER", List.of());
        List<MetricComparison> comparisons = new ArrayList<>(perDataset.getComparisons());
        MetricComparison drop = ScoredExperiment.comparison("accuracy", "WORSE", -0.04, -0.06, -0.02);
        drop.setDataset("drop");
        comparisons.add(drop);
        perDataset.setComparisons(comparisons);
        assertHolds(s, perDataset, "waiting: accuracy[drop] WORSE");
    }

    @Test
    void rollsBackToZeroWhenAGuardrailFiresAndStaysThere() {
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.favourable(), 10).state();
        scorer.scored(100);
        s = decideAndApply(s, scorer.favourable(), 20).state();
        assertThat(s.getStep()).isEqualTo(1);

        GuardrailEvent fired = new GuardrailEvent("student", "accuracy_drop", "accuracy 8 points below control", 30L, null, null);
        scorer.scored(200);
        RolloutDecision d = controller.decide(s, scorer.result("EQUIVALENT", "BETTER", List.of(fired)), 30);
        assertThat(d).isInstanceOf(RolloutDecision.RollBack.class);
        assertThat(d.reason()).isEqualTo("rolled back to 0%: guardrail accuracy_drop fired (accuracy 8 points below control)");
        assertThat(d.state().getPhase()).isEqualTo(RolloutPhase.ROLLED_BACK);
        scorer.scored(600);
        RolloutDecision after = controller.decide(d.state(), scorer.result("BETTER", "BETTER", List.of(fired)), 40);
        assertThat(after).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(after.reason()).isEqualTo("rolled_back");
    }

    @Test
    void aGuardrailOfAnotherArmOrFromBeforeTheRolloutDoesNotCount() {
        GuardrailEvent other = new GuardrailEvent("student-2", "dead_letters", "too many", 5L, null, null);
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.favourable(), 10).state();
        scorer.scored(100);
        assertThat(controller.decide(s, scorer.result("EQUIVALENT", "BETTER", List.of(other)), 20)).isInstanceOf(RolloutDecision.Advance.class);
    }

    @Test
    void pauseHoldsResumeGoesOnAbortRollsBack() {
        RolloutState s = decideAndApply(RolloutController.initial("student"), scorer.favourable(), 0).state();
        scorer.scored(500);
        RolloutState paused = controller.command(s, RolloutCommand.PAUSE, "holiday").state();
        assertHolds(paused, scorer.favourable(), "paused");
        RolloutState resumed = controller.command(paused, RolloutCommand.RESUME, "back").state();
        assertThat(controller.decide(resumed, scorer.favourable(), 5)).isInstanceOf(RolloutDecision.Advance.class);
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

    /** The controller's decision, and an advance accepted by the scorer as the processor would send it. */
    private RolloutDecision decideAndApply(RolloutState s, ExperimentResult r, long nowMs) {
        RolloutDecision d = controller.decide(s, r, nowMs);
        if (d instanceof RolloutDecision.Advance a) scorer.accept(change("rollout", Map.of("student", a.share() * 100), nowMs));
        return d;
    }

    private void assertHolds(RolloutState s, ExperimentResult r, String reasonStart) {
        RolloutDecision d = controller.decide(s, r, 99);
        assertThat(d).isInstanceOf(RolloutDecision.Hold.class);
        assertThat(d.reason()).startsWith(reasonStart);
        assertThat(d.state().getStep()).isEqualTo(s.getStep());
        assertThat(d.state().getPhase()).isEqualTo(s.getPhase());
    }

    private static ExperimentControl change(String source, Map<String, Double> weights, long atMs) {
        return ExperimentControl.newBuilder().setExperiment("teacher-vs-student").setWeights(weights).setReason(source)
                .setSource(source).setAtMs(atMs).build();
    }
}
