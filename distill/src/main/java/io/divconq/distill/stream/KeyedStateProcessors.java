package io.divconq.distill.stream;

import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** A processor supplier that brings its own persistent key-value store (string keys), for the distill streams. */
public final class KeyedStateProcessors {

    private KeyedStateProcessors() {
    }

    public static <KIn, VIn, KOut, VOut, S> ProcessorSupplier<KIn, VIn, KOut, VOut> withStore(
            String store, Serde<S> values, Supplier<Processor<KIn, VIn, KOut, VOut>> processors) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return processors.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), values));
            }
        };
    }
}
