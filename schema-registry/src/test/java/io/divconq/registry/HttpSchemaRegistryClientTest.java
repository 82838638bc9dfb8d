package io.divconq.registry;

import static io.divconq.registry.TestSchemas.greeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.registry.testtypes.Greeting;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

    private static final String SECRET = "s3cret-Pa55";
    private static final String STRING_SCHEMA_RESPONSE = "{\"schema\": \"\\\"string\\\"\"}";

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
    void serdeRoundTripsThroughARealServer() {
        Serde<Greeting> serde = AvroSerdes.specific(Greeting.class, client, false);
        Greeting greeting = greeting("g-1", "bonjour", "fr");

        byte[] bytes = serde.serializer().serialize("greetings", greeting);

        assertThat(serde.deserializer().deserialize("greetings", bytes)).isEqualTo(greeting);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(server.registry().lookupId("greetings-value", Greeting.SCHEMA$));
    }

    @Test
    void worksUnderAPathPrefixWithOrWithoutTrailingSlash() {
        try (SchemaRegistryServer apicurio = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0, "/apis/ccompat/v7")) {
            for (String url : new String[] {apicurio.url(), apicurio.url() + "/"}) {
                try (HttpSchemaRegistryClient prefixed = new HttpSchemaRegistryClient(url, Optional.empty())) {
                    int id = prefixed.register("greetings-value", Greeting.SCHEMA$);

                    assertThat(prefixed.latest("greetings-value")).get().extracting(RegisteredSchema::id).isEqualTo(id);
                }
            }
            assertThat(apicurio.registry().versions("greetings-value")).containsExactly(1);
        }
    }

    @Test
    void theHotPathMakesNoHttpCallsAfterTheFirstRecord() {
        Serde<Greeting> producerSide = AvroSerdes.specific(Greeting.class, client, false);
        byte[] first = producerSide.serializer().serialize("greetings", greeting("g-0", "x", "en"));
        assertThat(server.requestCount()).isEqualTo(1); // the registration

        assertThat(producerSide.deserializer().deserialize("greetings", first)).isNotNull();
        assertThat(server.requestCount()).as("id -> schema known from the registration").isEqualTo(1);

        try (HttpSchemaRegistryClient consumerClient = new HttpSchemaRegistryClient(server.url(), Optional.empty())) {
            Serde<Greeting> consumerSide = AvroSerdes.specific(Greeting.class, consumerClient, false);
            consumerSide.deserializer().deserialize("greetings", first);
            assertThat(server.requestCount()).isEqualTo(2); // one schema fetch by id

            for (int i = 1; i <= 1_000; i++) {
                Greeting greeting = greeting("g-" + i, "text", "en");
                assertThat(consumerSide.deserializer().deserialize("greetings",
                        producerSide.serializer().serialize("greetings", greeting))).isEqualTo(greeting);
            }
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void clientCachesIdsPerSubjectAndSchema() {
        int id = client.register("a-value", Greeting.SCHEMA$);
        client.register("a-value", Greeting.SCHEMA$);
        client.lookupId("a-value", Greeting.SCHEMA$);
        client.schemaById(id);
        long afterA = server.requestCount();

        assertThat(afterA).isEqualTo(1);
        assertThat(client.register("b-value", Greeting.SCHEMA$)).isEqualTo(id);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void latestCompatibilityAndLookupBehaveLikeTheRegistry() {
        assertThat(client.latest("greetings-value")).isEmpty();
        assertThat(client.isCompatible("greetings-value", Greeting.SCHEMA$)).isTrue();
        assertThatThrownBy(() -> client.lookupId("greetings-value", Greeting.SCHEMA$))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));

        int id = client.register("greetings-value", Greeting.SCHEMA$);

        assertThat(client.latest("greetings-value")).contains(new RegisteredSchema("greetings-value", 1, id, Greeting.SCHEMA$));
        assertThat(client.isCompatible("greetings-value", TestSchemas.greetingWithRequiredMood())).isFalse();
        assertThatThrownBy(() -> client.schemaById(12345))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                })
                .hasMessageContaining(server.url())
                .hasMessageContaining("GET /schemas/ids/12345");
    }

    @Test
    void subjectsWithSpacesSlashesAndPlusSignsAreEncoded() {
        String subject = "my topic/x+y-value";

        client.register(subject, Greeting.SCHEMA$);

        assertThat(server.registry().subjects()).containsExactly(subject);
        assertThat(client.latest(subject)).isPresent();
    }

    @Test
    void aWrongBaseUrlIsAnErrorNotAnEmptySubject() {
        try (HttpSchemaRegistryClient wrong = new HttpSchemaRegistryClient(server.url() + "/wrong/prefix", Optional.empty())) {
            assertThatThrownBy(() -> wrong.latest("greetings-value"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(404));
        }
    }

    @Test
    void sendsBasicAuthOnlyWhenConfigured() throws IOException {
        try (StubHttpServer stub = new StubHttpServer().respond("GET", "/schemas/ids/1", 200, STRING_SCHEMA_RESPONSE);
             HttpSchemaRegistryClient withAuth = new HttpSchemaRegistryClient(stub.url(), Optional.of("user:" + SECRET));
             HttpSchemaRegistryClient withUrlAuth = new HttpSchemaRegistryClient(
                     stub.url().replace("//", "//user:" + SECRET + "@"), Optional.empty());
             HttpSchemaRegistryClient anonymous = new HttpSchemaRegistryClient(stub.url(), Optional.empty());
             HttpSchemaRegistryClient blankAuth = new HttpSchemaRegistryClient(stub.url(), Optional.of(" "))) {

            withAuth.schemaById(1);
            withUrlAuth.schemaById(1);
            anonymous.schemaById(1);
            blankAuth.schemaById(1);

            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes());
            assertThat(stub.requests()).extracting(StubHttpServer.Recorded::authorization)
                    .containsExactly(Optional.of(expected), Optional.of(expected), Optional.empty(), Optional.empty());
            assertThat(withAuth.toString()).contains("auth=basic").doesNotContain(SECRET);
            assertThat(withUrlAuth.toString()).contains(stub.url()).doesNotContain(SECRET).doesNotContain("user");
            assertThat(anonymous.toString()).contains("auth=none");
        }
    }

    @Test
    void errorsCarryStatusAndCodeButNeverTheCredentials() throws IOException {
        try (StubHttpServer stub = new StubHttpServer()
                .respond("GET", "/schemas/ids/1", 401, "{\"error_code\": 40101, \"message\": \"Unauthorized\"}")
                .respond("GET", "/schemas/ids/2", 502, "<html>Bad Gateway</html>");
             HttpSchemaRegistryClient authed = new HttpSchemaRegistryClient(
                     stub.url().replace("//", "//user:" + SECRET + "@"), Optional.empty())) {

            assertThatThrownBy(() -> authed.schemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.errorCode()).isEqualTo(40101);
                    })
                    .hasMessageContaining("Unauthorized")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
            assertThatThrownBy(() -> authed.schemaById(2))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.errorCode()).isEqualTo(502);
                    })
                    .hasMessageContaining("Bad Gateway")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }

    @Test
    void anUnreachableRegistryIsANoResponseError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HttpSchemaRegistryClient unreachable = new HttpSchemaRegistryClient("http://127.0.0.1:" + closedPort,
                Optional.of("user:" + SECRET))) {
            assertThatThrownBy(() -> unreachable.schemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE))
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }

    @Test
    void resolvesSchemaReferencesBeforeParsing() throws IOException {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"io.x\","
                + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        String person = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"io.x\","
                + "\"fields\":[{\"name\":\"home\",\"type\":\"io.x.Address\"}]}";
        try (StubHttpServer stub = new StubHttpServer()
                .respond("GET", "/schemas/ids/7", 200, "{\"schema\": " + quote(person) + ", \"references\": "
                        + "[{\"name\": \"io.x.Address\", \"subject\": \"address-value\", \"version\": 3}]}")
                .respond("GET", "/subjects/address-value/versions/3", 200, "{\"subject\": \"address-value\", \"version\": 3,"
                        + " \"id\": 6, \"schema\": " + quote(address) + ", \"schemaType\": \"AVRO\", \"guid\": \"ignored\"}");
             HttpSchemaRegistryClient referencing = new HttpSchemaRegistryClient(stub.url(), Optional.empty())) {

            Schema resolved = referencing.schemaById(7);

            assertThat(resolved.getField("home").schema().getFullName()).isEqualTo("io.x.Address");
            assertThat(resolved.getField("home").schema().getField("city")).isNotNull();
        }
    }

    @Test
    void refusesBadUrlsAndUserInfoWithoutEchoingThem() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("ftp://" + SECRET + "@host", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://host:8081", Optional.of(SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user:password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
