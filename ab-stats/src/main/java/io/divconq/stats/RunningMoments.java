package io.divconq.stats;

/**
 * Mergeable running sums of one metric for one arm: count, sum, sum of squares and the sum of squared
 * deviations from the predictable running mean.
 *
 * <p>Immutable and commutative under {@link #merge}, so it can be the aggregate of a Kafka Streams
 * reduce and be serialised as four numbers. Every statistic in this package is computed from it.
 *
 * @param predictableSquares {@code sum_i (x_i - m_{i-1})^2} where {@code m_{i-1}} is the mean of the
 *                           observations before {@code x_i} ({@code m_0 = 0}): the empirical variance
 *                           process of the empirical-Bernstein confidence sequence (Howard et al. 2021,
 *                           Theorem 4). Built with the three-number constructor it is {@code sumSquares},
 *                           i.e. the predictable centre 0, which is also valid (only wider).
 */
public record RunningMoments(long n, double sum, double sumSquares, double predictableSquares) {

    /** No observations. */
    public static final RunningMoments EMPTY = new RunningMoments(0, 0.0, 0.0, 0.0);

    public RunningMoments {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (!Double.isFinite(sum) || !Double.isFinite(sumSquares) || sumSquares < 0
                || !Double.isFinite(predictableSquares) || predictableSquares < 0) {
            throw new IllegalArgumentException("sums must be finite and squares >= 0: " + sum + ", " + sumSquares
                    + ", " + predictableSquares);
        }
    }

    /** Moments whose order is unknown: the predictable centre is taken as 0. */
    public RunningMoments(long n, double sum, double sumSquares) {
        this(n, sum, sumSquares, sumSquares);
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
        double centre = n == 0 ? 0.0 : sum / n;
        double deviation = x - centre;
        return new RunningMoments(n + 1, sum + x, sumSquares + x * x, predictableSquares + deviation * deviation);
    }

    /**
     * The moments of the union of both samples (commutative). Each part's predictable squares were centred on
     * that part's own history, which is still a predictable centre for independent observations.
     */
    public RunningMoments merge(RunningMoments other) {
        return new RunningMoments(n + other.n, sum + other.sum, sumSquares + other.sumSquares,
                predictableSquares + other.predictableSquares);
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
