package io.divconq.registry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka serdes for Avro SpecificRecords in Confluent's wire format, subjects named by {@link TopicNameStrategy}. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde that registers {@code type}'s schema on first use per topic. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        return specific(type, client, isKey, true);
    }

    /**
     * A serde for {@code type}; with {@code autoRegister} false the schema must already be registered under the
     * subject (serialization fails otherwise), as when producers may not change a production registry.
     */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient client, boolean isKey,
                                                               boolean autoRegister) {
        return Serdes.serdeFrom(new ConfluentAvroSerializer<>(type, client, isKey, autoRegister),
                new ConfluentAvroDeserializer<>(type, client));
    }
}
