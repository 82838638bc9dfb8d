package io.divconq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's own arithmetic: nearest-rank quantiles of kept samples, and the live-heap trend. */
class BenchStatisticsTest {

    @Test
    void quantilesAreNearestRankOverTheKeptSamples() {
        Samples s = new Samples(4);
        for (long v : new long[] {40, 10, 30, 20, 1_000}) s.add(v);

        assertThat(s.size()).as("past capacity nothing is kept").isEqualTo(4);
        assertThat(List.of(s.quantile(0.25), s.quantile(0.5), s.quantile(0.75), s.quantile(1.0))).containsExactly(10L, 20L, 30L, 40L);
        assertThat(new Samples(3).quantile(0.5)).isZero();
    }

    @Test
    void heapTrendIsTheLeastSquaresSlopeOfTheLiveHeap() {
        BenchPhase.HeapTrend t = BenchPhase.heapTrend(List.of(new double[] {0, 100}, new double[] {1, 102}, new double[] {2, 104}), 300);

        assertThat(t).isEqualTo(new BenchPhase.HeapTrend(100, 104, 2.0, 300, 3));
        assertThat(BenchPhase.heapTrend(List.of(new double[] {0, 100}, new double[] {1, 150}), 200).slopeMbPerMinute())
                .as("two samples are too few for a slope").isZero();
    }
}
