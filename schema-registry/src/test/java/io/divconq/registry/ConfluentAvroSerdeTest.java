package io.divconq.registry;

import static io.divconq.registry.TestSchemas.greeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.registry.testtypes.Greeting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "greetings";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Serde<Greeting> serde = AvroSerdes.specific(Greeting.class, registry, false);

    @Test
    void writesMagicByteThenBigEndianRegistryIdThenExactlyTheAvroBinaryEncoding() throws IOException {
        // Push the next id past 255 so every byte of the id matters.
        for (int i = 0; i < 300; i++) {
            registry.register("filler-" + i, TestSchemas.record("Filler" + i, ""));
        }
        Greeting greeting = greeting("g-1", "hello", "fr");

        byte[] bytes = serde.serializer().serialize(TOPIC, greeting);

        int id = registry.lookupId("greetings-value", Greeting.SCHEMA$);
        assertThat(id).isEqualTo(301);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0, 0, 1, 0x2d);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(greeting));
    }

    @Test
    void roundTripsAndUsesTheKeySubjectForKeys() {
        Serde<Greeting> keySerde = AvroSerdes.specific(Greeting.class, registry, true);
        Greeting greeting = greeting("g-2", "hi", "en");

        byte[] bytes = keySerde.serializer().serialize(TOPIC, greeting);

        assertThat(keySerde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(greeting);
        assertThat(registry.subjects()).containsExactly("greetings-key");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, (byte[]) null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, new RecordHeaders(), (ByteBuffer) null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void readsFromAByteBufferWindowInsideALargerArray() {
        Greeting greeting = greeting("g-3", "hey", "de");
        byte[] bytes = serde.serializer().serialize(TOPIC, greeting);
        byte[] padded = new byte[bytes.length + 10];
        Arrays.fill(padded, (byte) 0x55);
        System.arraycopy(bytes, 0, padded, 7, bytes.length);
        ByteBuffer window = ByteBuffer.wrap(padded, 7, bytes.length);

        assertThat(serde.deserializer().deserialize(TOPIC, new RecordHeaders(), window)).isEqualTo(greeting);
        assertThat(serde.deserializer().deserialize(TOPIC, new RecordHeaders(), window.slice())).isEqualTo(greeting);
        assertThat(window.position()).isEqualTo(7);
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaFailsAndARegisteredOneIsUsed() {
        Serde<Greeting> strict = AvroSerdes.specific(Greeting.class, registry, false, false);
        Greeting greeting = greeting("g-4", "yo", "en");

        assertThatThrownBy(() -> strict.serializer().serialize(TOPIC, greeting))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("greetings-value")
                .hasMessageContaining("auto-registration is off");
        assertThat(registry.subjects()).isEmpty();

        int id = registry.register("greetings-value", Greeting.SCHEMA$);
        byte[] bytes = strict.serializer().serialize(TOPIC, greeting);

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(strict.deserializer().deserialize(TOPIC, bytes)).isEqualTo(greeting);
    }

    @Test
    void emptyBytesAreTooShort() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void plainJsonBytesNameTheWrongMagicByte() {
        byte[] json = "{\"id\":\"g\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b");
    }

    @Test
    void unknownSchemaIdIsNamed() {
        byte[] bytes = serde.serializer().serialize(TOPIC, greeting("g-5", "x", "en"));
        bytes[4] = 99; // id 1 -> 99

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 99")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void truncatedAvroDataIsADecodingFailure() {
        byte[] bytes = serde.serializer().serialize(TOPIC, greeting("g-6", "a longer text", "en"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not decode Avro record with schema id 1")
                .hasMessageContaining("truncated");
    }

    @Test
    void dataOfAnUnrelatedSchemaIsADecodingFailure() {
        int unrelated = registry.register("other-value", TestSchemas.record("Other", "{\"name\": \"n\", \"type\": \"long\"}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, unrelated);
        out.write(2); // long 1

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, out.toByteArray()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not decode Avro record with schema id " + unrelated)
                .hasMessageContaining(Greeting.class.getName());
    }

    @Test
    void aRecordMissingARequiredFieldFailsToSerializeAndTheSerializerStaysUsable() {
        Greeting broken = new Greeting();
        broken.setId("g-7");

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Greeting.class.getName());

        Greeting fine = greeting("g-8", "ok", "en");
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, fine))).isEqualTo(fine);
    }

    @Test
    void oneSerdeIsSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        Greeting greeting = greeting("t" + thread + "-" + i, "text " + i, "en");
                        if (!serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, greeting))
                                .equals(greeting)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] plainAvro(Greeting greeting) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(Greeting.class).write(greeting, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
