package io.divconq.registry;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records into {@code T}: the writer schema is fetched by id (once per id) and
 * Avro schema resolution maps it onto {@code T}'s schema, so records written with an older or newer
 * compatible schema read fine. Null bytes read as null. Thread-safe. A registry that does not answer (or answers
 * 5xx) raises the {@link SchemaRegistryException} itself, never a {@link SerializationException}: only bytes that
 * are definitively unreadable are a serialization error.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final SchemaRegistryClient client;
    private final SpecificData data;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        this.data = SpecificData.getForClass(type);
        this.readerSchema = data.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : decode(topic, bytes, 0, bytes.length);
    }

    /** Reads straight from the consumer's buffer, skipping the copy Kafka's default implementation makes. */
    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        if (buffer.hasArray()) {
            return decode(topic, buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return decode(topic, copy, 0, copy.length);
    }

    private T decode(String topic, byte[] bytes, int offset, int length) {
        int id = WireFormat.schemaId(bytes, offset, length);
        DatumReader<T> reader = readerFor(id, topic);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset + WireFormat.HEADER_LENGTH,
                length - WireFormat.HEADER_LENGTH, decoders.get());
        decoders.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof EOFException ? "the Avro data ends too early (truncated record)" : e.toString();
            throw new SerializationException("Could not decode Avro record with schema id " + id + " from topic '" + topic
                    + "' into " + type.getName() + ": " + reason, e);
        }
    }

    private DatumReader<T> readerFor(int id, String topic) {
        DatumReader<T> reader = readersById.get(id);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (RetryingSchemaRegistryClient.isTransient(e)) {
                throw e; // not the record's fault: the caller must wait, not dead-letter
            }
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + id + " in a record from topic '" + topic
                        + "': the Schema Registry has no schema with that id", e);
            }
            throw new SerializationException("Could not fetch writer schema id " + id + " for a record from topic '"
                    + topic + "': " + e.getMessage(), e);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema, data);
        DatumReader<T> previous = readersById.putIfAbsent(id, reader);
        return previous != null ? previous : reader;
    }
}
