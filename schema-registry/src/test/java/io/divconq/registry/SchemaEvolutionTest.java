package io.divconq.registry;

import static io.divconq.registry.TestSchemas.greeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.registry.testtypes.Greeting;
import io.divconq.registry.testtypes.GreetingV1;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A producer on v1 and one on v2 of Greeting, a consumer on v2, all through the HTTP client and a real server. */
class SchemaEvolutionTest {

    private static final String TOPIC = "greetings";
    private static final String SUBJECT = "greetings-value";

    private SchemaRegistryServer server;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() {
        server = SchemaRegistryServer.start();
        client = new HttpSchemaRegistryClient(server.url(), Optional.empty());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aV2ReaderReadsV1AndV2Records() {
        byte[] oldBytes = new ConfluentAvroSerializer<>(GreetingV1.class, client, false, true)
                .serialize(TOPIC, new GreetingV1("g-1", "hello"));
        byte[] newBytes = new ConfluentAvroSerializer<>(Greeting.class, client, false, true)
                .serialize(TOPIC, greeting("g-2", "hallo", "de"));
        ConfluentAvroDeserializer<Greeting> v2Reader = new ConfluentAvroDeserializer<>(Greeting.class,
                new HttpSchemaRegistryClient(server.url(), Optional.empty()));

        assertThat(WireFormat.schemaId(oldBytes)).isNotEqualTo(WireFormat.schemaId(newBytes));
        assertThat(server.registry().versions(SUBJECT)).containsExactly(1, 2);
        assertThat(v2Reader.deserialize(TOPIC, oldBytes)).isEqualTo(greeting("g-1", "hello", "en"));
        assertThat(v2Reader.deserialize(TOPIC, newBytes)).isEqualTo(greeting("g-2", "hallo", "de"));
    }

    @Test
    void anIncompatibleChangeIsRefusedUnderBackwardAndAcceptedUnderNone() {
        client.register(SUBJECT, GreetingV1.SCHEMA$);
        client.register(SUBJECT, Greeting.SCHEMA$);
        Schema withRequiredMood = TestSchemas.greetingWithRequiredMood();

        assertThatThrownBy(() -> client.register(SUBJECT, withRequiredMood))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                })
                .hasMessageContaining("mood");

        server.registry().setSubjectCompatibility(SUBJECT, CompatibilityLevel.NONE);
        int id = client.register(SUBJECT, withRequiredMood);

        assertThat(client.latest(SUBJECT)).get().extracting(RegisteredSchema::version, RegisteredSchema::id)
                .containsExactly(3, id);
    }
}
