package io.divconq.distill.rollout;

import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import io.divconq.avro.RolloutPhase;
import io.divconq.avro.RolloutState;
import io.divconq.common.config.ArmConfig;
import io.divconq.scorer.experiment.ExperimentEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides, from an experiment's latest result, whether an arm's rollout moves to its next traffic share. It advances
 * one step only when the step's evidence holds (at least minResults results assigned under the step's weights — its
 * weight version or later, see {@link StepVersion} —, minStepMs at the step, every accuracy verdict EQUIVALENT or
 * BETTER, the cost verdict BETTER where required, no guardrail), says why in the reason it records, and rolls back
 * to 0% when a guardrail fires for the arm. The verdicts are the experiment's, over all of the arm's results: its
 * model and prompt do not change with its share, so a result assigned under an earlier weight is still a fair sample
 * of it; the count is what makes each step wait for traffic at its own share. Pure: the caller applies the weight
 * change and keeps the state.
 */
public final class RolloutController {

    private static final Set<String> GOOD_ACCURACY = Set.of("EQUIVALENT", "BETTER");

    private final String arm;
    private final ArmConfig.Rollout plan;

    public RolloutController(String arm, ArmConfig.Rollout plan) {
        this.arm = arm;
        this.plan = plan;
    }

    public String arm() {
        return arm;
    }

    public ArmConfig.Rollout plan() {
        return plan;
    }

    public static RolloutState initial(String arm) {
        return RolloutState.newBuilder().setArm(arm).build();
    }

    public RolloutDecision decide(RolloutState state, ExperimentResult result, long nowMs) {
        Optional<GuardrailEvent> guardrail = result.getGuardrails().stream()
                .filter(g -> g.getArm().equals(arm) && g.getAtMs() >= state.getStartedAtMs()).findFirst();
        boolean live = state.getPhase() == RolloutPhase.RUNNING || state.getPhase() == RolloutPhase.PAUSED;
        if (live && guardrail.isPresent()) {
            String why = "rolled back to 0%: guardrail " + guardrail.get().getRule() + " fired (" + guardrail.get().getReason() + ")";
            return new RolloutDecision.RollBack(with(state, RolloutPhase.ROLLED_BACK, why), why);
        }
        switch (state.getPhase()) {
            case NOT_STARTED -> {
                if (guardrail.isPresent()) return hold(state, "not started: a guardrail has fired for " + arm);
                String why = String.format(Locale.ROOT, "rollout of %s starts at step 1 of %d: %s of traffic", arm,
                        plan.steps().size(), percent(plan.steps().get(0)));
                return advance(state, 0, nowMs, why);
            }
            case RUNNING -> {
            }
            default -> {
                return hold(state, state.getPhase().name().toLowerCase(Locale.ROOT));
            }
        }
        int step = state.getStep();
        if (step >= plan.steps().size() - 1) {
            String why = "completed at " + percent(plan.steps().get(step));
            return new RolloutDecision.Hold(with(state, RolloutPhase.COMPLETED, why), why);
        }
        String share = percent(plan.steps().get(step));
        OptionalLong known = state.getStepWeightVersion() != null ? OptionalLong.of(state.getStepWeightVersion())
                : StepVersion.accepted(result, arm, state.getStepStartedAtMs());
        if (known.isEmpty()) return hold(state, "waiting for the change to " + share + " to be accepted");
        long version = known.getAsLong();
        RolloutState at = RolloutState.newBuilder(state).setStepWeightVersion(version).build();
        long atStep = StepVersion.resultsSince(result, arm, version);
        if (atStep < plan.minResults()) {
            return hold(at, String.format(Locale.ROOT, "%d of %d results at %s (weight version %d)", atStep, plan.minResults(), share, version));
        }
        long dwelt = nowMs - state.getStepStartedAtMs();
        if (dwelt < plan.minStepMs()) {
            return hold(at, String.format(Locale.ROOT, "%d of %d ms at %s", dwelt, plan.minStepMs(), share));
        }
        List<MetricComparison> mine = result.getComparisons().stream().filter(c -> c.getTreatment().equals(arm)).toList();
        List<MetricComparison> accuracy = mine.stream().filter(c -> c.getMetric().equals(ExperimentEvaluation.ACCURACY)).toList();
        if (accuracy.isEmpty()) return hold(at, "no accuracy verdict yet");
        for (MetricComparison c : accuracy) {
            if (!GOOD_ACCURACY.contains(c.getVerdict())) return hold(at, "waiting: " + describe(c));
        }
        Optional<MetricComparison> cost = mine.stream()
                .filter(c -> c.getMetric().equals(ExperimentEvaluation.COST) && c.getDataset() == null).findFirst();
        if (plan.costMustBeBetter() && (cost.isEmpty() || !"BETTER".equals(cost.get().getVerdict()))) {
            return hold(at, "waiting: " + cost.map(RolloutController::describe).orElse("no cost verdict yet"));
        }
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "step %d→%d (%s → %s) after %d results at weight version %d+ and %.0f s at this step: ",
                step + 1, step + 2, share, percent(plan.steps().get(step + 1)), atStep, version, dwelt / 1000.0));
        for (MetricComparison c : accuracy) why.append(describe(c)).append("; ");
        cost.ifPresent(c -> why.append(describe(c)).append("; "));
        why.append("no guardrail");
        return advance(at, step + 1, nowMs, why.toString());
    }

    /** Pause, resume or abort by a person; abort rolls back to 0%. */
    public RolloutDecision command(RolloutState state, RolloutCommand command, String reason) {
        boolean live = state.getPhase() == RolloutPhase.RUNNING || state.getPhase() == RolloutPhase.PAUSED
                || state.getPhase() == RolloutPhase.NOT_STARTED;
        return switch (command) {
            case PAUSE -> state.getPhase() == RolloutPhase.RUNNING
                    ? hold(with(state, RolloutPhase.PAUSED, "paused: " + reason), "paused: " + reason)
                    : hold(state, "not running; pause ignored");
            case RESUME -> state.getPhase() == RolloutPhase.PAUSED
                    ? hold(with(state, RolloutPhase.RUNNING, "resumed: " + reason), "resumed: " + reason)
                    : hold(state, "not paused; resume ignored");
            case ABORT -> live
                    ? new RolloutDecision.RollBack(with(state, RolloutPhase.ABORTED, "aborted: " + reason), "aborted, back to 0%: " + reason)
                    : hold(state, "already over; abort ignored");
        };
    }

    private RolloutDecision advance(RolloutState state, int step, long nowMs, String why) {
        RolloutState next = RolloutState.newBuilder(state).setPhase(RolloutPhase.RUNNING).setStep(step).setStepWeightVersion(null)
                .setStepStartedAtMs(nowMs).setStartedAtMs(state.getPhase() == RolloutPhase.NOT_STARTED ? nowMs : state.getStartedAtMs())
                .setLastReason(why).build();
        return new RolloutDecision.Advance(next, step, plan.steps().get(step), why);
    }

    private static RolloutDecision hold(RolloutState state, String why) {
        return new RolloutDecision.Hold(state, why);
    }

    private static RolloutState with(RolloutState state, RolloutPhase phase, String why) {
        return RolloutState.newBuilder(state).setPhase(phase).setLastReason(why).build();
    }

    /** "accuracy EQUIVALENT: -0.4000 pp [-1.800, +1.000] after 412 vs 3990", with "[drop]" after the metric per dataset. */
    static String describe(MetricComparison c) {
        boolean points = c.getMetric().equals(ExperimentEvaluation.ACCURACY);
        double scale = points ? 100 : 1;
        String unit = points ? " pp" : "";
        String interval = c.getLower() == null || c.getUpper() == null ? "no interval"
                : String.format(Locale.ROOT, "%+.4g%s [%+.4g, %+.4g]", c.getDifference() * scale, unit, c.getLower() * scale, c.getUpper() * scale);
        String metric = c.getDataset() == null ? c.getMetric() : c.getMetric() + "[" + c.getDataset() + "]";
        return String.format(Locale.ROOT, "%s %s: %s after %d vs %d", metric, c.getVerdict(), interval,
                c.getTreatmentSamples(), c.getControlSamples());
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.4g%%", share * 100);
    }
}
