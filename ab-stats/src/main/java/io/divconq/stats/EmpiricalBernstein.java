package io.divconq.stats;

/**
 * Empirical-Bernstein confidence sequences for the mean of observations in {@code [0, B]}: valid at every
 * sample size simultaneously, for any distribution on {@code [0, B]} (no equal variances, no light tails, no
 * CLT), so an arm with a long tail of expensive replies cannot make an A/A comparison look decided.
 *
 * <p>Howard, Ramdas, McAuliffe and Sekhon (2021, Ann. Statist. 49(2)), Theorem 4: with the predictable centre
 * {@code m_{i-1}} (the running mean, {@link RunningMoments#predictableSquares()}), {@code S_t = sum (X_i - mu)}
 * is sub-exponential with variance process {@code V_t = sum (X_i - m_{i-1})^2} and scale {@code c = B}; any
 * sub-exponential uniform boundary then gives {@code |mean_t - mu| <= u(V_t) / t} for all {@code t} with
 * probability {@code 1 - alpha}. The boundary is their polynomial stitching (Theorem 1, sub-gamma, which bounds
 * sub-exponential): {@code u(v) = sqrt(k1^2 v l(v) + k2^2 c^2 l(v)^2) + k2 c l(v)} with
 * {@code l(v) = s ln ln(eta v / m) + ln(zeta(s) / (alpha' ln^s eta))}, {@code v >= m}, {@code eta = 2},
 * {@code s = 1.4}, {@code m = (c / 100)^2}, at {@code alpha' = alpha / 2} per side.
 *
 * <p>A difference of two arms' means combines the two arms' sequences, each at {@code alpha / 2}: the
 * difference interval {@code [L_T - U_C, U_T - L_C]} covers with probability {@code 1 - alpha} (union bound),
 * whatever the arms' distributions and sample sizes.
 */
public final class EmpiricalBernstein {

    static final double ETA = 2.0;
    static final double S = 1.4;
    /** Riemann zeta(1.4). */
    static final double ZETA_S = 3.1055472779775;
    /** The boundary's intrinsic time {@code m} as a fraction of {@code c^2}. */
    static final double M_OVER_C_SQUARED = 1e-4;

    private static final double K1 = (Math.pow(ETA, 0.25) + Math.pow(ETA, -0.25)) / Math.sqrt(2.0);
    private static final double K2 = (Math.sqrt(ETA) + 1.0) / 2.0;

    private EmpiricalBernstein() {
    }

    /**
     * One-sided stitched boundary {@code u(v)} for variance process {@code v}, scale {@code c} and crossing
     * probability {@code alpha}.
     */
    public static double boundary(double v, double c, double alpha) {
        if (!(c > 0) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need c > 0 and alpha in (0, 1), was " + c + ", " + alpha);
        }
        double m = M_OVER_C_SQUARED * c * c;
        double vv = Math.max(v, m);
        double ell = S * Math.log(Math.log(ETA * vv / m)) + Math.log(ZETA_S / (alpha * Math.pow(Math.log(ETA), S)));
        return Math.sqrt(K1 * K1 * vv * ell + K2 * K2 * c * c * ell * ell) + K2 * c * ell;
    }

    /** Two-sided sequence for one arm's mean at level {@code 1 - alpha}, within {@code [0, bound]}. */
    public static Interval mean(RunningMoments arm, double bound, double alpha) {
        if (arm.n() == 0) {
            return new Interval(0.0, bound);
        }
        double half = boundary(arm.predictableSquares(), bound, alpha / 2.0) / arm.n();
        return Interval.around(arm.mean(), half).clip(0.0, bound);
    }

    /** Sequence for {@code mean(treatment) - mean(control)} at level {@code 1 - alpha} (each arm at alpha / 2). */
    public static Interval difference(RunningMoments treatment, RunningMoments control, double bound, double alpha) {
        Interval t = mean(treatment, bound, alpha / 2.0);
        Interval c = mean(control, bound, alpha / 2.0);
        return new Interval(t.lower() - c.upper(), t.upper() - c.lower());
    }
}
