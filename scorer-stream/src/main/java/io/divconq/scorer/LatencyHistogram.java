package io.divconq.scorer;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency counts in logarithmic buckets, small enough to live in a running aggregate: bucket 0 holds 0–1 ms,
 * bucket i ≥ 1 holds [1.02^(i-1), 1.02^i) ms (latencies up to 30 s fill ~520 counts). A percentile is read back as
 * its bucket's geometric middle, within 1% of the true value (plus rounding to whole ms).
 */
public final class LatencyHistogram {

    static final double GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    static final int MAX_BUCKET = 1200; // 1.02^1200 ms is far beyond any latency we measure

    private LatencyHistogram() {
    }

    static int bucketOf(long ms) {
        if (ms < 1) return 0;
        return Math.min(MAX_BUCKET, 1 + (int) Math.floor(Math.log(ms) / LOG_GROWTH));
    }

    /** The bucket's geometric middle in ms, reported as the percentile value; 1 for the sub-millisecond bucket. */
    static long middle(int bucket) {
        return bucket == 0 ? 1 : Math.max(1, Math.round(Math.pow(GROWTH, bucket - 0.5)));
    }

    /** A copy of the counts with one more observation. */
    public static List<Long> add(List<Long> counts, long ms) {
        int b = bucketOf(ms);
        List<Long> out = new ArrayList<>(Math.max(counts.size(), b + 1));
        out.addAll(counts);
        while (out.size() <= b) out.add(0L);
        out.set(b, out.get(b) + 1);
        return out;
    }

    /** A copy of the counts with one observation fewer (an observation added earlier and now replaced). */
    public static List<Long> remove(List<Long> counts, long ms) {
        int b = bucketOf(ms);
        List<Long> out = new ArrayList<>(counts);
        if (b < out.size() && out.get(b) > 0) out.set(b, out.get(b) - 1);
        return out;
    }

    /** The q-quantile (0 < q ≤ 1) in ms, or 0 when empty. */
    public static long quantile(List<Long> counts, double q) {
        long total = 0;
        for (long c : counts) total += c;
        if (total == 0) return 0;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.size(); i++) {
            seen += counts.get(i);
            if (seen >= rank) return middle(i);
        }
        return middle(counts.size() - 1);
    }
}
