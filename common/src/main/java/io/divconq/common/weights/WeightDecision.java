package io.divconq.common.weights;

/** What {@link WeightChanges#apply} made of a change. */
public sealed interface WeightDecision {

    /** The change is valid: these are the new weights (version + 1). */
    record Accepted(Weights weights) implements WeightDecision {
    }

    /** The change is invalid and changes nothing; {@code reason} says why, for the user and the record. */
    record Rejected(String reason) implements WeightDecision {
    }

    /** The change is for another experiment. */
    record OtherExperiment() implements WeightDecision {
    }
}
