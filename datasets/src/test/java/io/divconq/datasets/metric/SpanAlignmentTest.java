package io.divconq.datasets.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpanAlignmentTest {

    @Test
    void findsTheAssignmentAGreedyChoiceMisses() {
        // Greedy would take (0,0)=0.9 and leave (1,1)=0.1; the best total is 0.8 + 0.8.
        int[] a = SpanAlignment.maximise(new double[][] {{0.9, 0.8}, {0.8, 0.1}});
        assertThat(a).containsExactly(1, 0);
    }

    @Test
    void moreRowsThanColumnsLeavesRowsUnassigned() {
        int[] a = SpanAlignment.maximise(new double[][] {{0.1}, {0.7}, {0.3}});
        assertThat(a).containsExactly(-1, 0, -1);
    }

    @Test
    void matchesExhaustiveSearchOnRandomMatrices() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 2000; trial++) {
            int rows = 1 + random.nextInt(6);
            int cols = 1 + random.nextInt(6);
            double[][] s = new double[rows][cols];
            for (double[] row : s) for (int c = 0; c < cols; c++) row[c] = random.nextInt(4) == 0 ? 0 : random.nextInt(7) / 6.0;
            int[] a = SpanAlignment.maximise(s);
            assertThat(total(s, a)).as("trial %d", trial).isCloseTo(best(s, 0, new boolean[cols]), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(java.util.Arrays.stream(a).filter(c -> c >= 0).distinct().count())
                    .isEqualTo(java.util.Arrays.stream(a).filter(c -> c >= 0).count()).isEqualTo(Math.min(rows, cols));
        }
    }

    private static double total(double[][] s, int[] a) {
        double t = 0;
        for (int r = 0; r < a.length; r++) if (a[r] >= 0) t += s[r][a[r]];
        return t;
    }

    /** The best total over every one-to-one assignment (a row may stay unassigned). */
    private static double best(double[][] s, int row, boolean[] used) {
        if (row == s.length) return 0;
        double b = best(s, row + 1, used);
        for (int c = 0; c < used.length; c++) {
            if (used[c]) continue;
            used[c] = true;
            b = Math.max(b, s[row][c] + best(s, row + 1, used));
            used[c] = false;
        }
        return b;
    }
}
