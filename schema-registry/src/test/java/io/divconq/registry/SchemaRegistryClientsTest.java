package io.divconq.registry;

import static io.divconq.registry.TestSchemas.greeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.registry.testtypes.Greeting;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {

    @AfterEach
    void dropScopes() {
        SchemaRegistryClients.dropMockScope("clients-test-a");
        SchemaRegistryClients.dropMockScope("clients-test-b");
    }

    @Test
    void mockUrlsOfOneScopeShareARegistryAndOtherScopesDoNot() {
        SchemaRegistryClient producerSide = SchemaRegistryClients.create("mock://clients-test-a", Optional.empty());
        SchemaRegistryClient consumerSide = SchemaRegistryClients.create("mock://clients-test-a", Optional.empty());
        SchemaRegistryClient otherScope = SchemaRegistryClients.create("mock://clients-test-b", Optional.empty());
        Serde<Greeting> writer = AvroSerdes.specific(Greeting.class, producerSide, false);
        Serde<Greeting> reader = AvroSerdes.specific(Greeting.class, consumerSide, false);
        Greeting greeting = greeting("g-1", "hi", "en");

        byte[] bytes = writer.serializer().serialize("greetings", greeting);

        assertThat(reader.deserializer().deserialize("greetings", bytes)).isEqualTo(greeting);
        assertThat(consumerSide).isSameAs(producerSide);
        assertThat(otherScope.latest("greetings-value")).isEmpty();
    }

    @Test
    void droppingAScopeStartsItAfresh() {
        SchemaRegistryClients.create("mock://clients-test-a", Optional.empty()).register("s", Greeting.SCHEMA$);

        SchemaRegistryClients.dropMockScope("clients-test-a");

        assertThat(SchemaRegistryClients.create("mock://clients-test-a", Optional.empty()).latest("s")).isEmpty();
    }

    @Test
    void httpUrlsGiveAnHttpClientThatWaitsOutOutages() throws Exception {
        SchemaRegistryClient client = SchemaRegistryClients.create("https://sr.example.com/apis/ccompat/v7/",
                Optional.of("key:secret"));

        assertThat(client).isInstanceOf(RetryingSchemaRegistryClient.class);
        assertThat(client.toString()).startsWith("Retrying[HttpSchemaRegistryClient{")
                .contains("https://sr.example.com/apis/ccompat/v7").doesNotContain("secret");
        ((RetryingSchemaRegistryClient) client).close();
    }

    @Test
    void otherSchemesAndUrlListsAreRefused() {
        assertThatThrownBy(() -> SchemaRegistryClients.create("ftp://host", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://a:8081,http://b:8081", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one Schema Registry URL");
    }
}
