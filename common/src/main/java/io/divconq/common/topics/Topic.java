package io.divconq.common.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** One topic: its full name (prefix included), the serde of its values, and its layout. Keys are strings. */
public record Topic<V>(String name, Serde<V> serde, TopicLayout layout) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serde, "serde");
        Objects.requireNonNull(layout, "layout");
    }

    /** Decodes a value read from this topic. */
    public V decode(byte[] bytes) {
        return serde.deserializer().deserialize(name, bytes);
    }

    /** Encodes a value to write to this topic. */
    public byte[] encode(V value) {
        return serde.serializer().serialize(name, value);
    }
}
