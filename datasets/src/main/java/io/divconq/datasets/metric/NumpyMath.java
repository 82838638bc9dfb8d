package io.divconq.datasets.metric;

/** {@code np.mean} and {@code np.round(x, 2)} of float64 values, with numpy's summation order and rounding. */
public final class NumpyMath {

    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /** {@code np.mean}: numpy's pairwise sum (8 accumulators per block of up to 128), divided by the count. */
    public static double mean(double[] values) {
        return pairwiseSum(values, 0, values.length) / values.length;
    }

    /** {@code round(np.float64(x), decimals)}: scale, round half to even, unscale (not Python's exact-decimal round). */
    public static double round(double x, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.rint(x * scale) / scale;
    }

    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) sum += a[from + i];
            return sum;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) sum += a[from + i];
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
