package io.divconq.stats;

/** The outcome of comparing a treatment arm with the control arm on one metric. */
public enum Verdict {
    /** The always-valid interval excludes 0 on the side where the treatment is better. */
    BETTER,
    /** The always-valid interval excludes 0 on the side where the treatment is worse. */
    WORSE,
    /** Neither a difference nor equivalence is established yet: keep collecting. */
    NO_DIFFERENCE_YET,
    /** The interval contains 0 and lies inside the equivalence margin {@code (-delta, +delta)}. */
    EQUIVALENT
}
