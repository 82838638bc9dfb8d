package io.divconq.stats;

/** Outcome of a sample-ratio-mismatch test; {@code mismatch} is {@code pValue < threshold}. */
public record SrmResult(double chiSquare, int degreesOfFreedom, double pValue, boolean mismatch) {
}
