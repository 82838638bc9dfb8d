package io.divconq.stats;

/** Verdict rules on an always-valid interval for {@code treatment - control}. */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * BETTER or WORSE when the interval excludes 0 (the side is read through {@code direction});
     * otherwise EQUIVALENT when it lies inside {@code (-delta, +delta)}; otherwise NO_DIFFERENCE_YET.
     * A significant difference takes precedence over equivalence.
     */
    public static Verdict decide(Interval diff, double delta, Direction direction) {
        if (delta < 0 || Double.isNaN(delta)) {
            throw new IllegalArgumentException("equivalence margin must be >= 0, was " + delta);
        }
        boolean higherIsBetter = direction == Direction.HIGHER_IS_BETTER;
        if (diff.lower() > 0) {
            return higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
        }
        if (diff.upper() < 0) {
            return higherIsBetter ? Verdict.WORSE : Verdict.BETTER;
        }
        return diff.within(delta) ? Verdict.EQUIVALENT : Verdict.NO_DIFFERENCE_YET;
    }
}
