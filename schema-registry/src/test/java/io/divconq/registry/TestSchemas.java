package io.divconq.registry;

import io.divconq.registry.testtypes.Greeting;
import org.apache.avro.Schema;

/** Small schemas and records shared by the tests. */
final class TestSchemas {

    private TestSchemas() {
    }

    /** A record schema {@code io.divconq.registry.test.<name>} with the given JSON field list. */
    static Schema record(String name, String fieldsJson) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"" + name
                + "\", \"namespace\": \"io.divconq.registry.test\", \"fields\": [" + fieldsJson + "]}");
    }

    static Greeting greeting(String id, String text, String language) {
        return new Greeting(id, text, language);
    }

    /** Greeting v3: v2 plus a field without a default, which BACKWARD must refuse. */
    static Schema greetingWithRequiredMood() {
        String v2 = Greeting.SCHEMA$.toString();
        return new Schema.Parser().parse(v2.substring(0, v2.length() - 2)
                + ",{\"name\":\"mood\",\"type\":\"string\"}]}");
    }
}
