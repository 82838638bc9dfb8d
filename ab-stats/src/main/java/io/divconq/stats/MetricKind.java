package io.divconq.stats;

/** The range of a metric, which decides the variance estimate and the clipping of intervals. */
public enum MetricKind {
    /** Values in [0, 1]: correctness 0/1, F1, agreement. Variance is shrunk toward 1/4, intervals clipped. */
    UNIT_INTERVAL,
    /** Unbounded values such as latency: sample variance after a burn-in (asymptotic normal mixture). */
    UNBOUNDED,
    /**
     * Values in {@code [0, upperBound]}, such as cost per problem (at most max tokens times price): the
     * empirical-Bernstein confidence sequence, valid without equal variances or light tails.
     */
    BOUNDED
}
