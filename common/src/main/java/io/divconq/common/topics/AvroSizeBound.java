package io.divconq.common.topics;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * An upper bound on the size of a record in the Confluent wire format (5-byte header, then Avro binary), found by
 * walking the record without encoding it: a string counts 3 bytes a char (UTF-8's most for a Java char) plus its
 * length prefix, a number its longest varint. Cheap enough to check every output; when the bound is over a limit,
 * only an encoding tells the true size.
 */
public final class AvroSizeBound {

    private static final int WIRE_HEADER = 5;
    private static final int MAX_INT_VARINT = 5;
    private static final int MAX_LONG_VARINT = 10;

    private AvroSizeBound() {
    }

    /**
     * The bound, or {@code Long.MAX_VALUE} when the record does not fit its schema (a null where none is allowed, a
     * value of the wrong type): the serializer then tells what is wrong with it.
     */
    public static long of(IndexedRecord record) {
        try {
            return WIRE_HEADER + record(record);
        } catch (RuntimeException notConforming) {
            return Long.MAX_VALUE;
        }
    }

    /** {@link #of(IndexedRecord)} for Avro records; {@code Long.MAX_VALUE} (unknown) for anything else. */
    public static long ofAny(Object value) {
        return value instanceof IndexedRecord r ? of(r) : Long.MAX_VALUE;
    }

    private static long record(IndexedRecord r) {
        long size = 0;
        for (Schema.Field f : r.getSchema().getFields()) size += datum(f.schema(), r.get(f.pos()));
        return size;
    }

    private static long datum(Schema schema, Object value) {
        if (value == null && schema.getType() != Schema.Type.NULL && schema.getType() != Schema.Type.UNION) {
            throw new NullPointerException("null for a " + schema.getType());
        }
        switch (schema.getType()) {
            case NULL:
                return 0;
            case BOOLEAN:
                return 1;
            case INT:
            case ENUM:
                return MAX_INT_VARINT;
            case LONG:
                return MAX_LONG_VARINT;
            case FLOAT:
                return 4;
            case DOUBLE:
                return 8;
            case STRING:
                return MAX_INT_VARINT + 3L * ((CharSequence) value).length();
            case BYTES:
                return MAX_INT_VARINT + ((ByteBuffer) value).remaining();
            case FIXED:
                return ((GenericFixed) value).bytes().length;
            case RECORD:
                return record((IndexedRecord) value);
            case UNION:
                return MAX_INT_VARINT + datum(schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
            case ARRAY: {
                long size = 2L * MAX_LONG_VARINT; // one block count, the end marker
                for (Object item : (Collection<?>) value) size += datum(schema.getElementType(), item);
                return size;
            }
            case MAP: {
                long size = 2L * MAX_LONG_VARINT;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    size += MAX_INT_VARINT + 3L * e.getKey().toString().length() + datum(schema.getValueType(), e.getValue());
                }
                return size;
            }
            default:
                throw new IllegalArgumentException("no size bound for Avro type " + schema.getType());
        }
    }
}
