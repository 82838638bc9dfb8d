package io.divconq.stats;

/** A closed interval {@code [lower, upper]}; bounds may be infinite when nothing is known yet. */
public record Interval(double lower, double upper) {

    /** The whole real line: the interval before there is any data. */
    public static final Interval UNBOUNDED = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("invalid interval [" + lower + ", " + upper + "]");
        }
    }

    /** {@code centre +- halfWidth}. */
    public static Interval around(double centre, double halfWidth) {
        return new Interval(centre - halfWidth, centre + halfWidth);
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    public double width() {
        return upper - lower;
    }

    /** True when 0 lies strictly outside the interval. */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }

    /** True when the whole interval lies strictly inside {@code (-margin, +margin)}. */
    public boolean within(double margin) {
        return lower > -margin && upper < margin;
    }

    /** This interval intersected with {@code [min, max]} (the bounds a metric cannot leave). */
    public Interval clip(double min, double max) {
        double lo = Math.min(Math.max(lower, min), max);
        double hi = Math.max(Math.min(upper, max), min);
        return new Interval(lo, hi);
    }
}
