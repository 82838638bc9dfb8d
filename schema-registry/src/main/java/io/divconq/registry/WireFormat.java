package io.divconq.registry;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: byte 0 is the magic byte 0, bytes 1..4 the schema id (big-endian int),
 * then the Avro binary encoding of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int ID_LENGTH = 4;
    public static final int HEADER_LENGTH = 1 + ID_LENGTH;

    private WireFormat() {
    }

    /** Appends the 5-byte header for {@code schemaId} to {@code out}. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /** The schema id of a whole framed record. */
    public static int schemaId(byte[] data) {
        return schemaId(data, 0, data.length);
    }

    /**
     * The schema id of the framed record in {@code data[offset, offset + length)}.
     *
     * @throws SerializationException if the record is shorter than the header or its magic byte is not 0
     */
    public static int schemaId(byte[] data, int offset, int length) {
        if (length < HEADER_LENGTH) {
            throw new SerializationException("Record of " + length + " bytes is too short for the Confluent wire format,"
                    + " which needs at least " + HEADER_LENGTH + " bytes (magic byte 0 and a 4-byte schema id)");
        }
        byte magic = data[offset];
        if (magic != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x: the Confluent wire format starts"
                    + " with 0x00; this record was not written by a Confluent-compatible Avro serializer", magic & 0xff));
        }
        return (data[offset + 1] & 0xff) << 24
                | (data[offset + 2] & 0xff) << 16
                | (data[offset + 3] & 0xff) << 8
                | (data[offset + 4] & 0xff);
    }
}
