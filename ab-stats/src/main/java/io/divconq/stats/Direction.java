package io.divconq.stats;

/** Which way a metric improves. */
public enum Direction {
    /** Accuracy, F1, agreement rate. */
    HIGHER_IS_BETTER,
    /** Cost, latency. */
    LOWER_IS_BETTER
}
