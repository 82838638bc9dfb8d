package io.divconq.registry.testtypes;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Version 1 of {@link Greeting} (same Avro full name, no 'language' field), written by hand because two generated
 * classes cannot share a name: it stands for a producer still running an older build.
 */
public final class GreetingV1 implements SpecificRecord {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "Greeting", "namespace": "io.divconq.registry.testtypes",
             "fields": [
               {"name": "id", "type": {"type": "string", "avro.java.string": "String"}},
               {"name": "text", "type": {"type": "string", "avro.java.string": "String"}}
             ]}""");

    private String id;
    private String text;

    public GreetingV1() {
    }

    public GreetingV1(String id, String text) {
        this.id = id;
        this.text = text;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> text;
            default -> throw new IndexOutOfBoundsException("Invalid field index " + field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> id = value == null ? null : value.toString();
            case 1 -> text = value == null ? null : value.toString();
            default -> throw new IndexOutOfBoundsException("Invalid field index " + field);
        }
    }
}
