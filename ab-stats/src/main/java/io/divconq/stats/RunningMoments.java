package io.divconq.stats;

/**
 * Mergeable running sums of one metric for one arm: count, sum and sum of squares.
 *
 * <p>Immutable and commutative under {@link #merge}, so it can be the aggregate of a Kafka Streams
 * reduce and be serialised as three numbers. Every statistic in this package is computed from it.
 */
public record RunningMoments(long n, double sum, double sumSquares) {

    /** No observations. */
    public static final RunningMoments EMPTY = new RunningMoments(0, 0.0, 0.0);

    public RunningMoments {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (!Double.isFinite(sum) || !Double.isFinite(sumSquares) || sumSquares < 0) {
            throw new IllegalArgumentException("sums must be finite and sumSquares >= 0: " + sum + ", " + sumSquares);
        }
    }

    /** The moments of the given observations. */
    public static RunningMoments of(double... observations) {
        RunningMoments m = EMPTY;
        for (double x : observations) {
            m = m.add(x);
        }
        return m;
    }

    /** These moments plus one observation. */
    public RunningMoments add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("observation must be finite, was " + x);
        }
        return new RunningMoments(n + 1, sum + x, sumSquares + x * x);
    }

    /** The moments of the union of both samples (commutative). */
    public RunningMoments merge(RunningMoments other) {
        return new RunningMoments(n + other.n, sum + other.sum, sumSquares + other.sumSquares);
    }

    /** Sample mean; NaN when empty. */
    public double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Unbiased sample variance (divisor n - 1); 0 when n &lt; 2. Never negative: the floating-point
     * cancellation in {@code sumSquares - sum^2/n} is clamped at 0. Precision degrades when the
     * coefficient of variation is below about 1e-7; shift such data before adding it.
     */
    public double variance() {
        if (n < 2) {
            return 0.0;
        }
        double centred = sumSquares - sum * (sum / n);
        return Math.max(0.0, centred / (n - 1));
    }

    /** Sample standard deviation, {@code sqrt(variance())}. */
    public double standardDeviation() {
        return Math.sqrt(variance());
    }
}
