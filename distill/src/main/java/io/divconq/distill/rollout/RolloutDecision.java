package io.divconq.distill.rollout;

import io.divconq.avro.RolloutState;

/** What the controller decided for one arm on one experiment result: the new state and, if any, a weight change. */
public sealed interface RolloutDecision {

    RolloutState state();

    String reason();

    /** Keep the weight: the evidence for the next step is not (yet) there, or the rollout is paused or over. */
    record Hold(RolloutState state, String reason) implements RolloutDecision {
    }

    /** Move the arm's traffic share to {@code share} (step {@code step}). */
    record Advance(RolloutState state, int step, double share, String reason) implements RolloutDecision {
    }

    /** Back to 0% of traffic: a guardrail fired, or a person aborted. */
    record RollBack(RolloutState state, String reason) implements RolloutDecision {
    }
}
