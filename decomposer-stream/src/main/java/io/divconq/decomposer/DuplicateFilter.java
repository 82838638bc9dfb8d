package io.divconq.decomposer;

import io.divconq.common.dlq.DeadLetters;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes problem ids idempotent: a problem (keyed by its id) whose id was already accepted within {@code window}
 * (by record time) is dropped, counted in {@code divconq.decomposer.duplicates} and logged once. The ids live in a
 * changelogged window store that forgets them after the window, so exactly-once holds across restarts. Records
 * replayed from the dlq (they carry {@link DeadLetters#REPLAY_HEADER}) were never scored and always pass.
 */
final class DuplicateFilter implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {

    static final String STORE = "decompose-seen-ids";
    private static final Logger log = LoggerFactory.getLogger(DuplicateFilter.class);

    private final Duration window;
    private final Counter duplicates;

    DuplicateFilter(Duration window, Counter duplicates) {
        this.window = window;
        this.duplicates = duplicates;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, window, window, false),
                Serdes.String(), Serdes.Long()));
    }

    @Override
    public Processor<byte[], byte[], byte[], byte[]> get() {
        return new Processor<>() {
            private ProcessorContext<byte[], byte[]> context;
            private WindowStore<String, Long> seen;

            @Override
            public void init(ProcessorContext<byte[], byte[]> context) {
                this.context = context;
                this.seen = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<byte[], byte[]> record) {
                if (record.key() == null || DeadLetters.replaysOf(record.headers()) > 0) {
                    context.forward(record);
                    return;
                }
                String id = new String(record.key(), StandardCharsets.UTF_8);
                long ts = record.timestamp();
                Instant from = Instant.ofEpochMilli(Math.max(0, ts - window.toMillis()));
                Instant to = Instant.ofEpochMilli(ts + window.toMillis());
                try (WindowStoreIterator<Long> earlier = seen.fetch(id, from, to)) {
                    if (earlier.hasNext()) {
                        duplicates.increment();
                        log.info("decompose: dropped problem '{}': its id was already accepted at {} (within dedupWindowMs {})",
                                id, Instant.ofEpochMilli(earlier.next().key), window.toMillis());
                        return;
                    }
                }
                seen.put(id, ts, ts);
                context.forward(record);
            }
        };
    }
}
