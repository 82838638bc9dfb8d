package io.divconq.bench;

import java.util.Arrays;

/**
 * Latency samples in a preallocated array, so recording them does not grow the heap being measured. Sized by the
 * caller for 5,000 results/s, above the measured ceiling; samples past capacity are not kept.
 */
final class Samples {

    private final long[] values;
    private int size;

    Samples(int capacity) {
        values = new long[capacity];
    }

    void add(long v) {
        if (size < values.length) values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The q-quantile (nearest rank), or 0 when empty. */
    long quantile(double q) {
        if (size == 0) return 0;
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * size) - 1)];
    }
}
