package io.divconq.simulator;

/** What a prompt asks the model to do, detected from the user message. */
public enum Task {
    DECOMPOSE,
    STATIC_SOLVE,
    SEQUENTIAL_STEP,
    SEQUENTIAL_FINAL,
    DIRECT_SOLVE
}
