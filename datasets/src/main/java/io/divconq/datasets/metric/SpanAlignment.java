package io.divconq.datasets.metric;

/**
 * The one-to-one assignment of rows to columns that maximises the total score (what {@code scipy.optimize.
 * linear_sum_assignment} on the negated matrix returns): the Hungarian method with potentials, O(n²m).
 */
public final class SpanAlignment {

    private SpanAlignment() {
    }

    /**
     * For each row the column it is assigned to, or -1 when there are more rows than columns and it gets none.
     * Every row gets a column when rows ≤ columns.
     */
    public static int[] maximise(double[][] scores) {
        int rows = scores.length;
        int cols = rows == 0 ? 0 : scores[0].length;
        if (rows == 0 || cols == 0) return filled(rows);
        if (rows > cols) {
            double[][] t = new double[cols][rows];
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c][r] = scores[r][c];
            int[] colToRow = maximise(t);
            int[] rowToCol = filled(rows);
            for (int c = 0; c < cols; c++) rowToCol[colToRow[c]] = c;
            return rowToCol;
        }
        // Minimise cost = -score; rows ≤ cols. 1-based arrays, column 0 is the virtual start.
        double[] u = new double[rows + 1];
        double[] v = new double[cols + 1];
        int[] match = new int[cols + 1];   // match[col] = row (1-based), 0 = free
        int[] way = new int[cols + 1];
        for (int row = 1; row <= rows; row++) {
            match[0] = row;
            int col0 = 0;
            double[] minv = new double[cols + 1];
            boolean[] used = new boolean[cols + 1];
            java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
            do {
                used[col0] = true;
                int row0 = match[col0];
                double delta = Double.POSITIVE_INFINITY;
                int col1 = 0;
                for (int c = 1; c <= cols; c++) {
                    if (used[c]) continue;
                    double cur = -scores[row0 - 1][c - 1] - u[row0] - v[c];
                    if (cur < minv[c]) {
                        minv[c] = cur;
                        way[c] = col0;
                    }
                    if (minv[c] < delta) {
                        delta = minv[c];
                        col1 = c;
                    }
                }
                for (int c = 0; c <= cols; c++) {
                    if (used[c]) {
                        u[match[c]] += delta;
                        v[c] -= delta;
                    } else {
                        minv[c] -= delta;
                    }
                }
                col0 = col1;
            } while (match[col0] != 0);
            do {
                int col1 = way[col0];
                match[col0] = match[col1];
                col0 = col1;
            } while (col0 != 0);
        }
        int[] rowToCol = filled(rows);
        for (int c = 1; c <= cols; c++) if (match[c] != 0) rowToCol[match[c] - 1] = c - 1;
        return rowToCol;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, -1);
        return a;
    }
}
