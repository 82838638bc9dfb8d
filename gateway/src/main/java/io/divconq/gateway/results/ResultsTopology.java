package io.divconq.gateway.results;

import io.divconq.avro.AnswerState;
import io.divconq.common.topics.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's results table: problems, decompositions, solutions, scores and dead letters (all keyed by problem
 * id, so co-partitioned) folded into one changelogged store of {@link AnswerState} per problem. Records that do not
 * deserialise are skipped here: the stage that read them first has dead-lettered them already. An answer leaves the
 * store (a tombstone on its changelog) once it has not changed for the retention; a scan every hundredth of the
 * retention (1 s to 10 min) finds them.
 */
public final class ResultsTopology {

    public static final String STORE = "answers";
    private static final Logger log = LoggerFactory.getLogger(ResultsTopology.class);

    private ResultsTopology() {
    }

    /** @param retentionMs how long an answer is kept after its last change; 0 = forever */
    public static Topology build(TopicCatalog topics, AnswerReducer reducer, AnswerWatches watches, long retentionMs) {
        Map<String, BiFunction<AnswerState, byte[], AnswerState>> folds = Map.of(
                topics.problems().name(), (s, v) -> reducer.queued(s, topics.problems().decode(v)),
                topics.decompositions().name(), (s, v) -> reducer.decomposed(s, topics.decompositions().decode(v)),
                topics.solutions().name(), (s, v) -> reducer.solved(s, topics.solutions().decode(v)),
                topics.scores().name(), (s, v) -> reducer.scored(s, topics.scores().decode(v)),
                topics.deadLetters().name(), (s, v) -> reducer.failed(s, topics.deadLetters().decode(v)));
        Topology t = new Topology();
        t.addSource("pipeline-records", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                folds.keySet().toArray(String[]::new));
        t.addProcessor("fold", () -> new Fold(folds, watches, retentionMs), "pipeline-records");
        // Cached: a problem's several changes between commits reach RocksDB and the changelog once.
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                topics.serde(AnswerState.class)).withCachingEnabled(), "fold");
        return t;
    }

    private static final class Fold implements Processor<String, byte[], Void, Void> {
        private final Map<String, BiFunction<AnswerState, byte[], AnswerState>> folds;
        private final AnswerWatches watches;
        private final long retentionMs;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, AnswerState> store;

        Fold(Map<String, BiFunction<AnswerState, byte[], AnswerState>> folds, AnswerWatches watches, long retentionMs) {
            this.folds = folds;
            this.watches = watches;
            this.retentionMs = retentionMs;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            if (retentionMs > 0) {
                Duration every = Duration.ofMillis(Math.min(Math.max(retentionMs / 100, 1_000), 600_000));
                context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expire);
            }
        }

        private void expire(long nowMs) {
            long cutoff = nowMs - retentionMs;
            List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, AnswerState> all = store.all()) {
                all.forEachRemaining(kv -> {
                    if (Math.max(kv.value.getUpdatedAtMs(), kv.value.getCreatedAtMs()) < cutoff) expired.add(kv.key);
                });
            }
            expired.forEach(store::delete);
            if (!expired.isEmpty()) log.debug("{} answers older than {} ms left the results table", expired.size(), retentionMs);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null || record.value() == null) return;
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
            var fold = folds.get(topic);
            if (fold == null) return;
            AnswerState current = store.get(record.key());
            AnswerState next;
            try {
                next = fold.apply(current, record.value());
            } catch (RuntimeException e) {
                log.debug("skipping a record on {} that does not deserialise: {}", topic, e.toString());
                return;
            }
            if (next == current || next == null) return;
            store.put(record.key(), next);
            watches.publish(next);
        }
    }
}
