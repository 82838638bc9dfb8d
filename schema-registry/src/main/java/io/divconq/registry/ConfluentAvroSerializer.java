package io.divconq.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@code T} in Confluent's wire format ({@link WireFormat}) under the subject given by
 * {@link TopicNameStrategy}, registering the schema on first use per topic (or only looking its id up when
 * auto-registration is off). Thread-safe; after the first record of a topic no registry call is made.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** Per-thread buffers that grew beyond this are dropped rather than kept for reuse. */
    private static final int MAX_RETAINED_BUFFER_BYTES = 1 << 20;

    /** A reusable output buffer and the encoder bound to it (one per thread). */
    private static final class EncodeBuffer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    }

    private final Class<T> type;
    private final SchemaRegistryClient client;
    private final boolean isKey;
    private final boolean autoRegister;
    private final Schema schema;
    private final DatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final ThreadLocal<EncodeBuffer> buffers = ThreadLocal.withInitial(EncodeBuffer::new);

    public ConfluentAvroSerializer(Class<T> type, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        this.isKey = isKey;
        this.autoRegister = autoRegister;
        SpecificData data = SpecificData.getForClass(type);
        this.schema = data.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
    }

    /** The schema records are written with. */
    public Schema schema() {
        return schema;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int id = schemaId(topic);
        EncodeBuffer buffer = buffers.get();
        try {
            buffer.out.reset();
            WireFormat.writeHeader(buffer.out, id);
            writer.write(record, buffer.encoder);
            buffer.encoder.flush();
            byte[] bytes = buffer.out.toByteArray();
            if (bytes.length > MAX_RETAINED_BUFFER_BYTES) {
                buffers.remove();
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            buffers.remove(); // the encoder may hold half a record
            throw new SerializationException("Could not encode " + type.getName() + " as Avro for topic '" + topic + "': "
                    + e, e);
        }
    }

    private int schemaId(String topic) {
        Integer cached = idsByTopic.get(topic);
        if (cached != null) {
            return cached;
        }
        String subject = TopicNameStrategy.subject(topic, isKey);
        int id;
        try {
            id = autoRegister ? client.register(subject, schema) : client.lookupId(subject, schema);
        } catch (SchemaRegistryException e) {
            if (RetryingSchemaRegistryClient.isTransient(e)) {
                throw e; // not the record's fault
            }
            String action = autoRegister ? "register" : "look up (auto-registration is off)";
            throw new SerializationException("Could not " + action + " schema " + schema.getFullName()
                    + " under subject '" + subject + "': " + e.getMessage(), e);
        }
        idsByTopic.put(topic, id);
        return id;
    }
}
