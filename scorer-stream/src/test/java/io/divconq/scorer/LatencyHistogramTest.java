package io.divconq.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinOnePercentOfTheTrueValues() {
        Random r = new Random(7);
        List<Long> h = List.of();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long ms = (long) Math.exp(5 + r.nextGaussian());
            all.add(ms);
            h = LatencyHistogram.add(h, ms);
        }
        all.sort(null);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            long exact = all.get((int) Math.ceil(q * all.size()) - 1);
            assertThat((double) LatencyHistogram.quantile(h, q)).isBetween(exact * 0.985, exact * 1.015);
        }
    }

    @Test
    void emptyAndTinyValues() {
        assertThat(LatencyHistogram.quantile(List.of(), 0.5)).isZero();
        assertThat(LatencyHistogram.quantile(LatencyHistogram.add(List.of(), 0), 0.5)).isEqualTo(1);
        assertThat(LatencyHistogram.quantile(LatencyHistogram.add(List.of(), Long.MAX_VALUE), 0.5)).isPositive();
    }
}
