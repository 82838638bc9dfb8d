package io.divconq.common.async;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Supplies {@link AsyncStageProcessor}s together with their changelogged pending store.
 * Outputs come in completion order (see {@link AsyncStageProcessor}); {@link AsyncStageOptions#blocking()} gives
 * the naive baseline: the same topology, waiting for each job before the next record.
 */
public final class AsyncStageSupplier<I, O> implements ProcessorSupplier<byte[], byte[], String, StageOutcome<O>> {

    private final String stage;
    private final Deserializer<I> deserializer;
    private final AsyncStage<I, O> asyncStage;
    private final AsyncStageOptions options;
    private OutputGuard<O> guard = OutputGuard.none();

    public AsyncStageSupplier(String stage, Deserializer<I> deserializer, AsyncStage<I, O> asyncStage,
                              AsyncStageOptions options) {
        this.stage = stage;
        this.deserializer = deserializer;
        this.asyncStage = asyncStage;
        this.options = options;
    }

    /** Dead-letters outputs the guard rejects (too large, unserialisable) instead of forwarding them. */
    public AsyncStageSupplier<I, O> guardedBy(OutputGuard<O> outputGuard) {
        this.guard = outputGuard;
        return this;
    }

    public String storeName() {
        return stage + "-pending";
    }

    @Override
    public Processor<byte[], byte[], String, StageOutcome<O>> get() {
        return new AsyncStageProcessor<>(stage, storeName(), deserializer, asyncStage, options, guard);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        // In memory with a changelog: the pending set is small (bounded by max-in-flight) and restores quickly.
        // Caching lets an entry put and deleted within one commit interval never reach the changelog.
        return Set.of(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(storeName()), Serdes.Long(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of())
                .withCachingEnabled());
    }
}
