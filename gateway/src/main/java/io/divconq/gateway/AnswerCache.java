package io.divconq.gateway;

import io.divconq.avro.AnswerState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Answers by {@link io.divconq.gateway.api.AnswerRequest#cacheKey()}, each kept for ttlMs, the oldest dropped past maxEntries. */
final class AnswerCache {

    private record Entry(AnswerState answer, long expiresAtMs) {
    }

    private final long ttlMs;
    private final int maxEntries;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    AnswerCache(long ttlMs, int maxEntries, LongSupplier clock) {
        this.ttlMs = ttlMs;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    synchronized Optional<AnswerState> get(String key) {
        Entry e = entries.get(key);
        if (e == null) return Optional.empty();
        if (e.expiresAtMs() <= clock.getAsLong()) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.answer());
    }

    synchronized void put(String key, AnswerState answer) {
        entries.remove(key);
        entries.put(key, new Entry(answer, clock.getAsLong() + ttlMs));
        while (entries.size() > maxEntries) {
            Map.Entry<String, Entry> oldest = entries.entrySet().iterator().next();
            entries.remove(oldest.getKey());
        }
    }
}
