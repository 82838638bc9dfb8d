package io.divconq.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.registry.testtypes.Greeting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API as a Confluent client sees it: plain HTTP requests, Confluent's JSON shapes and error codes. */
class RestApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = TestSchemas.record("Thing", "{\"name\": \"a\", \"type\": \"string\"}").toString();
    private static final String V2 = TestSchemas.record("Thing",
            "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\", \"default\": 0}").toString();
    private static final String INCOMPATIBLE = TestSchemas.record("Thing", "{\"name\": \"a\", \"type\": \"int\"}").toString();

    private static ExecutorService executor;
    private static HttpClient http;

    private SchemaRegistryServer server;

    private record Reply(int status, String contentType, JsonNode json, String text) {
    }

    @BeforeAll
    static void client() {
        executor = Executors.newFixedThreadPool(2);
        http = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopClient() {
        executor.shutdownNow();
    }

    @BeforeEach
    void startServer() {
        server = SchemaRegistryServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void registerAnswersTheIdAndIsIdempotentWithOrWithoutSchemaType() throws Exception {
        Reply first = post("/subjects/things-value/versions", Map.of("schema", V1));
        Reply again = post("/subjects/things-value/versions", Map.of("schema", V1, "schemaType", "AVRO"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(first.json()).isEqualTo(JSON.readTree("{\"id\": 1}"));
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(get("/subjects/things-value/versions").json()).isEqualTo(JSON.readTree("[1]"));
    }

    @Test
    void registerRefusesInvalidSchemasOtherTypesAndIncompatibleChanges() throws Exception {
        post("/subjects/s/versions", Map.of("schema", V1));

        assertError(post("/subjects/s/versions", Map.of("schema", "{\"type\": \"record\"}")), 422, 42201);
        assertError(post("/subjects/s/versions", Map.of("schema", "syntax { error")), 422, 42201);
        assertError(post("/subjects/s/versions", Map.of("schema", "message M {}", "schemaType", "PROTOBUF")), 422, 42201);
        assertError(post("/subjects/s/versions", Map.of()), 422, 42201);
        assertError(post("/subjects/s/versions", Map.of("schema", INCOMPATIBLE)), 409, 409);
        assertError(send("POST", "/subjects/s/versions", "not json"), 400, 400);
    }

    @Test
    void registerResolvesReferencesToOtherSubjects() throws Exception {
        String address = "{\"type\": \"record\", \"name\": \"Address\", \"namespace\": \"io.x\","
                + " \"fields\": [{\"name\": \"city\", \"type\": \"string\"}]}";
        String person = "{\"type\": \"record\", \"name\": \"Person\", \"namespace\": \"io.x\","
                + " \"fields\": [{\"name\": \"home\", \"type\": \"io.x.Address\"}]}";
        post("/subjects/address/versions", Map.of("schema", address));

        Reply registered = post("/subjects/person-value/versions", Map.of("schema", person, "references",
                new Object[] {Map.of("name", "io.x.Address", "subject", "address", "version", 1)}));
        Reply unresolved = post("/subjects/other/versions", Map.of("schema", person));

        assertThat(registered.status()).isEqualTo(200);
        Schema stored = new Schema.Parser().parse(get("/schemas/ids/" + registered.json().get("id")).json().get("schema").asText());
        assertThat(stored.getField("home").schema().getField("city")).isNotNull();
        assertError(unresolved, 422, 42201);
    }

    @Test
    void lookupAnswersSubjectIdVersionAndSchema() throws Exception {
        post("/subjects/s/versions", Map.of("schema", V1));
        post("/subjects/s/versions", Map.of("schema", V2));

        Reply found = post("/subjects/s", Map.of("schema", V2));

        assertThat(found.status()).isEqualTo(200);
        assertThat(fieldNames(found.json())).containsExactlyInAnyOrder("subject", "id", "version", "schema");
        assertThat(found.json().get("subject").asText()).isEqualTo("s");
        assertThat(found.json().get("id").asInt()).isEqualTo(2);
        assertThat(found.json().get("version").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(found.json().get("schema").asText()).toString()).isEqualTo(V2);
        assertError(post("/subjects/unknown", Map.of("schema", V1)), 404, 40401);
        assertError(post("/subjects/s", Map.of("schema", INCOMPATIBLE)), 404, 40403);
    }

    @Test
    void schemasByIdAnswerTheSchemaOr40403() throws Exception {
        post("/subjects/s/versions", Map.of("schema", V1));

        Reply byId = get("/schemas/ids/1");

        assertThat(fieldNames(byId.json())).containsExactly("schema");
        assertThat(byId.json().get("schema").asText()).isEqualTo(V1);
        assertThat(get("/schemas/ids/1/schema").text()).isEqualTo(V1);
        assertError(get("/schemas/ids/999"), 404, 40403);
        assertError(get("/schemas/ids/abc"), 404, 40403);
    }

    @Test
    void subjectsAndVersionsAreListedAndFetched() throws Exception {
        post("/subjects/b-value/versions", Map.of("schema", V1));
        post("/subjects/a-value/versions", Map.of("schema", V1));
        post("/subjects/a-value/versions", Map.of("schema", V2));

        assertThat(get("/subjects").json()).isEqualTo(JSON.readTree("[\"a-value\", \"b-value\"]"));
        assertThat(get("/subjects/a-value/versions").json()).isEqualTo(JSON.readTree("[1, 2]"));
        Reply latest = get("/subjects/a-value/versions/latest");
        assertThat(fieldNames(latest.json())).containsExactlyInAnyOrder("subject", "id", "version", "schema");
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(get("/subjects/a-value/versions/-1").json()).isEqualTo(latest.json());
        assertThat(get("/subjects/a-value/versions/1").json().get("schema").asText()).isEqualTo(V1);
        assertThat(get("/subjects/a-value/versions/1/schema").text()).isEqualTo(V1);
        assertThat(get("/subjects/a-value/versions/latest/schema").text()).isEqualTo(V2);
        assertError(get("/subjects/a-value/versions/9"), 404, 40402);
        assertError(get("/subjects/a-value/versions/0"), 422, 42202);
        assertError(get("/subjects/a-value/versions/first"), 422, 42202);
        assertError(get("/subjects/nope/versions"), 404, 40401);
        assertError(get("/subjects/nope/versions/latest"), 404, 40401);
    }

    @Test
    void compatibilityAnswersIsCompatibleWithOptionalMessages() throws Exception {
        post("/subjects/s/versions", Map.of("schema", V1));

        Reply ok = post("/compatibility/subjects/s/versions/latest", Map.of("schema", V2));
        Reply bad = post("/compatibility/subjects/s/versions/1?verbose=true", Map.of("schema", INCOMPATIBLE));
        Reply badAll = post("/compatibility/subjects/s/versions", Map.of("schema", INCOMPATIBLE));

        assertThat(ok.json()).isEqualTo(JSON.readTree("{\"is_compatible\": true}"));
        assertThat(bad.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.json().get("messages").get(0).asText()).contains("TYPE_MISMATCH");
        assertThat(badAll.json()).isEqualTo(JSON.readTree("{\"is_compatible\": false}"));
        assertThat(post("/compatibility/subjects/new/versions/latest", Map.of("schema", INCOMPATIBLE)).json())
                .isEqualTo(JSON.readTree("{\"is_compatible\": true}"));
        assertError(post("/compatibility/subjects/new/versions/1", Map.of("schema", V1)), 404, 40401);
        assertError(post("/compatibility/subjects/s/versions/5", Map.of("schema", V1)), 404, 40402);
    }

    @Test
    void configUsesCompatibilityLevelOnGetAndCompatibilityOnPut() throws Exception {
        assertThat(get("/config").json()).isEqualTo(JSON.readTree("{\"compatibilityLevel\": \"BACKWARD\"}"));
        assertThat(put("/config", Map.of("compatibility", "FULL")).json())
                .isEqualTo(JSON.readTree("{\"compatibility\": \"FULL\"}"));
        assertThat(get("/config").json()).isEqualTo(JSON.readTree("{\"compatibilityLevel\": \"FULL\"}"));
        assertError(put("/config", Map.of("compatibility", "SIDEWAYS")), 422, 42203);

        assertError(get("/config/s"), 404, 40408);
        assertThat(get("/config/s?defaultToGlobal=true").json())
                .isEqualTo(JSON.readTree("{\"compatibilityLevel\": \"FULL\"}"));
        assertThat(put("/config/s", Map.of("compatibility", "none")).json())
                .isEqualTo(JSON.readTree("{\"compatibility\": \"NONE\"}"));
        assertThat(get("/config/s").json()).isEqualTo(JSON.readTree("{\"compatibilityLevel\": \"NONE\"}"));

        post("/subjects/s/versions", Map.of("schema", V1));
        assertThat(post("/subjects/s/versions", Map.of("schema", INCOMPATIBLE)).status()).isEqualTo(200);

        assertThat(send("DELETE", "/config/s", null).json())
                .isEqualTo(JSON.readTree("{\"compatibilityLevel\": \"NONE\"}"));
        assertError(get("/config/s"), 404, 40408);
    }

    @Test
    void deleteSubjectAnswersTheDeletedVersions() throws Exception {
        post("/subjects/s/versions", Map.of("schema", V1));
        post("/subjects/s/versions", Map.of("schema", V2));

        assertThat(send("DELETE", "/subjects/s", null).json()).isEqualTo(JSON.readTree("[1, 2]"));

        assertThat(get("/subjects").json()).isEqualTo(JSON.readTree("[]"));
        assertError(get("/subjects/s/versions"), 404, 40401);
        assertError(send("DELETE", "/subjects/s", null), 404, 40401);
        assertThat(get("/schemas/ids/1").status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAndMethodsAnswerJsonErrors() throws Exception {
        assertError(get("/nothing/here"), 404, 404);
        assertError(get("/subjects/s/versions/1/schema/extra"), 404, 404);
        assertError(send("PATCH", "/subjects", null), 405, 405);
        assertThat(get("").json()).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void subjectNamesArePercentDecoded() throws Exception {
        Reply registered = post("/subjects/my%20topic%2Fx+y-value/versions", Map.of("schema", Greeting.SCHEMA$.toString()));

        assertThat(registered.status()).isEqualTo(200);
        assertThat(get("/subjects").json()).isEqualTo(JSON.readTree("[\"my topic/x+y-value\"]"));
    }

    @Test
    void servesUnderABasePathLikeApicurio() throws Exception {
        try (SchemaRegistryServer prefixed = SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0, "/apis/ccompat/v7/")) {
            assertThat(prefixed.url()).endsWith("/apis/ccompat/v7");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(prefixed.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + prefixed.port() + "/apis/ccompat/v7x/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("[]");
            assertThat(outside.statusCode()).isEqualTo(404);
        }
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(fieldNames(reply.json())).containsExactlyInAnyOrder("error_code", "message");
        assertThat(reply.json().get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Reply post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, JSON.writeValueAsString(body));
    }

    private Reply put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, JSON.writeValueAsString(body));
    }

    private Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json")
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json,
                response.body());
    }
}
