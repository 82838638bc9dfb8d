package io.divconq.llm;

import static io.divconq.llm.ChatMessage.system;
import static io.divconq.llm.ChatMessage.user;
import static io.divconq.llm.FakeChatServer.echoAfter;
import static io.divconq.llm.FakeChatServer.hang;
import static io.divconq.llm.FakeChatServer.ok;
import static io.divconq.llm.FakeChatServer.okWithHeaders;
import static io.divconq.llm.FakeChatServer.okWithoutUsage;
import static io.divconq.llm.FakeChatServer.respond;
import static io.divconq.llm.FakeChatServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.divconq.llm.ModelCallException.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ModelEndpointTest {

    private static final RetryPolicy FAST_RETRY =
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 2.0);
    private static final String KEY_ENV = "DIVCONQ_TEST_LLM_KEY";
    private static final String SECRET = "sk-test-very-secret-0123456789";

    private final FakeChatServer server = FakeChatServer.start();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        server.close();
    }

    private EndpointConfig config() {
        return EndpointConfig.of("teacher", server.baseUrl())
                .withRetry(FAST_RETRY)
                .withCallTimeout(Duration.ofSeconds(5));
    }

    private ModelEndpoint endpoint(EndpointConfig config) {
        return track(ModelEndpoint.builder(config).env(name -> null).build());
    }

    private ModelEndpoint endpointWithKey(EndpointConfig config) {
        return track(ModelEndpoint.builder(config.withApiKeyEnv(KEY_ENV)).env(Map.of(KEY_ENV, SECRET)::get).build());
    }

    private ModelEndpoint track(ModelEndpoint endpoint) {
        toClose.add(endpoint);
        return endpoint;
    }

    private static ChatRequest request(String question) {
        return ChatRequest.of("qwen2.5:0.5b", system("Answer briefly."), user(question));
    }

    private static ChatResponse success(CompletableFuture<ChatResponse> call) throws Exception {
        return call.get(20, TimeUnit.SECONDS);
    }

    private static ModelCallException failure(CompletableFuture<ChatResponse> call) {
        Throwable thrown = catchThrowable(() -> call.get(20, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ModelCallException.class);
        return (ModelCallException) thrown.getCause();
    }

    @Test
    void postsOpenAiShapedJsonWithBearerKeyFromTheNamedVariable() throws Exception {
        ModelEndpoint endpoint = endpointWithKey(config());

        success(endpoint.chat(request("What is 6 x 7?").withTemperature(0.7).withMaxTokens(64)));

        FakeChatServer.Received received = server.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = FakeChatServer.JSON.readTree(received.body());
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5:0.5b");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("Answer briefly.");
        assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo("What is 6 x 7?");
    }

    @Test
    void sendsNoAuthorizationWithoutKeyAndTemperatureZeroByDefault() throws Exception {
        ModelEndpoint endpoint = endpoint(config());

        success(endpoint.chat(request("hi")));

        FakeChatServer.Received received = server.received().get(0);
        assertThat(received.header("Authorization")).isNull();
        JsonNode body = FakeChatServer.JSON.readTree(received.body());
        assertThat(body.path("temperature").asDouble(-1)).isZero();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(ChatRequest.DEFAULT_MAX_TOKENS);
    }

    @Test
    void toleratesTrailingSlashInBaseUrl() throws Exception {
        ModelEndpoint endpoint = endpoint(config());
        ModelEndpoint slashed = endpoint(EndpointConfig.of("slashed", URI.create(server.baseUrl() + "/")));

        success(endpoint.chat(request("a")));
        success(slashed.chat(request("b")));

        assertThat(server.received()).extracting(FakeChatServer.Received::path)
                .containsExactly("/v1/chat/completions", "/v1/chat/completions");
    }

    @Test
    void readsContentUsageAndModel() throws Exception {
        server.then(ok("The answer is 42."));

        long before = System.nanoTime();
        ChatResponse response = success(endpoint(config()).chat(request("6 x 7?")));
        long wallMs = (System.nanoTime() - before) / 1_000_000;

        assertThat(response.content()).isEqualTo("The answer is 42.");
        assertThat(response.promptTokens()).isEqualTo(7);
        assertThat(response.completionTokens()).isEqualTo(3);
        assertThat(response.model()).isEqualTo("fake-model");
        assertThat(response.simulated()).isFalse();
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.latencyMs()).as("the call's own time, within the caller's").isBetween(0L, wallMs);
    }

    @Test
    void missingUsageMeansZeroTokens() throws Exception {
        server.then(okWithoutUsage("fine"));

        ChatResponse response = success(endpoint(config()).chat(request("hi")));

        assertThat(response.content()).isEqualTo("fine");
        assertThat(response.promptTokens()).isZero();
        assertThat(response.completionTokens()).isZero();
    }

    @Test
    void marksRepliesOfTheModelSimulator() throws Exception {
        server.then(okWithHeaders("synthetic", Map.of(ModelEndpoint.SIMULATED_HEADER, "true")));

        assertThat(success(endpoint(config()).chat(request("hi"))).simulated()).isTrue();
    }

    @Test
    void retriesServerErrorThenSucceeds() throws Exception {
        server.then(status(500, "{\"error\":\"boom\"}"), ok("recovered"));

        ChatResponse response = success(endpoint(config()).chat(request("hi")));

        assertThat(response.content()).isEqualTo("recovered");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void waitsForRetryAfterOn429() throws Exception {
        server.then(respond(429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "1")), ok("done"));
        long start = System.nanoTime();

        ModelEndpoint endpoint = endpoint(
                config().withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1), 2.0)));

        ChatResponse response = success(endpoint.chat(request("hi")));

        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
        assertThat(response.latencyMs()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void capsAnExcessiveRetryAfter() throws Exception {
        // An hour-long Retry-After is cut to 3 x maxBackoff (150 ms here), so the call finishes within the test.
        server.then(respond(503, "", Map.of("Retry-After", "3600")), ok("done"));

        ChatResponse response = success(endpoint(config()).chat(request("hi")));

        assertThat(response.attempts()).isEqualTo(2);
    }

    @Test
    void rejectsClientErrorAtOnce() {
        server.then(status(400, "{\"error\":\"unknown model\"}"));

        ModelCallException failure = failure(endpoint(config()).chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.lastHttpStatus()).hasValue(400);
        assertThat(failure.getMessage()).isEqualTo("model call to endpoint 'teacher' failed after 1 attempt: "
                + "HTTP 400 Bad Request: {\"error\":\"unknown model\"}");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void persistentUnavailabilityFailsAfterMaxAttemptsWithClearMessage() {
        server.otherwise(status(503, "model is loading"));

        ModelCallException failure = failure(endpoint(config()).chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.lastHttpStatus()).hasValue(503);
        assertThat(failure.getMessage()).isEqualTo(
                "model call to endpoint 'teacher' failed after 3 attempts: HTTP 503 Service Unavailable: model is loading");
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void quotesAtMost200CharactersOfTheBody() {
        server.otherwise(status(502, "x".repeat(1000)));

        ModelCallException failure = failure(endpoint(config()).chat(request("hi")));

        assertThat(failure.getMessage()).endsWith("HTTP 502 Bad Gateway: " + "x".repeat(200));
    }

    @Test
    void persistent429IsRateLimited() {
        server.otherwise(status(429, ""));

        ModelCallException failure = failure(endpoint(config()).chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.attempts()).isEqualTo(3);
    }

    @Test
    void hangingServerTimesOutThenRetries() throws Exception {
        server.then(hang(), ok("second time lucky"));
        ModelEndpoint endpoint = endpoint(config().withCallTimeout(Duration.ofMillis(300)));

        ChatResponse response = success(endpoint.chat(request("hi")));

        assertThat(response.content()).isEqualTo("second time lucky");
        assertThat(response.attempts()).isEqualTo(2);
    }

    @Test
    void alwaysHangingServerFailsWithTimeout() {
        server.otherwise(hang());
        ModelEndpoint endpoint = endpoint(config().withCallTimeout(Duration.ofMillis(200))
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), 1.0)));

        ModelCallException failure = failure(endpoint.chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.attempts()).isEqualTo(2);
        assertThat(failure.getMessage()).contains("timed out after 200 ms");
    }

    @Test
    void refusedConnectionFailsWithConnectionAfterRetries() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        ModelEndpoint endpoint = endpoint(EndpointConfig.of("offline", "http://127.0.0.1:" + freePort + "/v1")
                .withRetry(FAST_RETRY));

        ModelCallException failure = failure(endpoint.chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.lastHttpStatus()).isEmpty();
        assertThat(failure.getMessage()).startsWith("model call to endpoint 'offline' failed after 3 attempts: ");
    }

    @Test
    void malformedJsonIsBadResponseAndNotRetried() {
        server.then(status(200, "<html>proxy error</html>"));

        ModelCallException failure = failure(endpoint(config()).chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.getMessage()).contains("<html>proxy error</html>");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void replyWithoutContentIsBadResponse() {
        server.then(status(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null}}]}"));

        ModelCallException failure = failure(endpoint(config()).chat(request("hi")));

        assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(failure.getMessage()).contains("no choices[0].message.content");
    }

    @Test
    void apiKeyNeverAppearsInMessagesStringsOrLogs() {
        FakeChatServer.Reply echoKey = (exchange, request, timer) -> respond(
                401, "{\"error\":\"invalid key " + request.header("Authorization") + "\"}", Map.of())
                .answer(exchange, request, timer);
        FakeChatServer.Reply echoKeyUnavailable = (exchange, request, timer) -> respond(
                503, "overloaded, key " + request.header("Authorization"), Map.of())
                .answer(exchange, request, timer);
        server.then(echoKeyUnavailable, echoKey);
        Logger logger = (Logger) LoggerFactory.getLogger("io.divconq.llm");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        Level previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            ModelEndpoint endpoint = endpointWithKey(config());

            ModelCallException failure = failure(endpoint.chat(request("hi")));

            assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
            assertThat(failure.getMessage()).contains("[REDACTED]").doesNotContain(SECRET);
            assertThat(failure.toString()).doesNotContain(SECRET);
            assertThat(endpoint.toString()).contains(KEY_ENV).doesNotContain(SECRET);
            assertThat(endpoint.config().toString()).contains(KEY_ENV).doesNotContain(SECRET);
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(previous);
        }
    }

    @Test
    void unsetKeyVariableFailsAtConstructionNamingOnlyTheVariable() {
        assertThatThrownBy(() -> ModelEndpoint.builder(config().withApiKeyEnv(KEY_ENV)).env(name -> null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY_ENV);
    }

    @Test
    void requestsPerSecondLimitSpacesCalls() throws Exception {
        ModelEndpoint endpoint = endpoint(config().withRequestsPerSecond(5));
        long start = System.nanoTime();

        List<CompletableFuture<ChatResponse>> calls =
                IntStream.range(0, 10).mapToObj(i -> endpoint.chat(request("q" + i))).toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        // 10 calls at 5/s: the last may start 9 x 200 ms = 1.8 s after the first.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1600);
        assertThat(server.received()).hasSize(10);
    }

    @Test
    void manyConcurrentCallsEachGetTheirOwnAnswer() throws Exception {
        server.otherwise(echoAfter(Duration.ofMillis(100)));
        ModelEndpoint endpoint = endpoint(config());

        List<CompletableFuture<ChatResponse>> calls = IntStream.range(0, 200)
                .mapToObj(i -> endpoint.chat(request("question " + i)))
                .toList();

        for (int i = 0; i < calls.size(); i++) {
            ChatResponse response = success(calls.get(i));
            assertThat(response.content()).isEqualTo("echo: question " + i);
        }
        assertThat(server.received()).hasSize(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.activeCalls() == 0);
    }

    @Test
    void recordsCallsRetriesLatencyAndInFlight() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ModelEndpoint endpoint = track(ModelEndpoint.builder(config()).env(name -> null).meterRegistry(registry).build());
        server.then(status(500, "boom"), ok("fine"), status(404, "no such model"));

        assertThat(endpoint.inFlight().tryAcquire()).isTrue();
        success(endpoint.chat(request("first")));
        failure(endpoint.chat(request("second")));

        assertThat(registry.get("divconq.llm.calls").tags("endpoint", "teacher", "outcome", "success").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("divconq.llm.calls").tags("endpoint", "teacher", "outcome", "failure").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("divconq.llm.retries").tags("endpoint", "teacher", "reason", "http_500").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("divconq.llm.latency").tag("endpoint", "teacher").timer().count()).isEqualTo(1);
        assertThat(registry.get("divconq.llm.in_flight").tag("endpoint", "teacher").gauge().value()).isEqualTo(1);
        endpoint.inFlight().release();
        assertThat(registry.get("divconq.llm.in_flight").tag("endpoint", "teacher").gauge().value()).isZero();
    }

    @Test
    void closeFailsUnfinishedCallsAndRefusesNewOnes() {
        server.otherwise(hang());
        ModelEndpoint endpoint = endpoint(config().withCallTimeout(Duration.ofSeconds(30)));
        CompletableFuture<ChatResponse> pending = endpoint.chat(request("hi"));

        endpoint.close();

        assertThat(failure(pending).kind()).isEqualTo(Kind.CLOSED);
        assertThat(failure(endpoint.chat(request("again"))).kind()).isEqualTo(Kind.CLOSED);
    }

    @Test
    void runsOnAnInjectedExecutorAndLeavesItRunningOnClose() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            ModelEndpoint endpoint = ModelEndpoint.builder(config()).env(name -> null).executor(workers).build();
            String thread = endpoint.chat(request("hi"))
                    .thenApply(response -> Thread.currentThread().getName())
                    .get(20, TimeUnit.SECONDS);
            endpoint.close();

            assertThat(thread).startsWith("pool-");
            assertThat(workers.isShutdown()).isFalse();
        } finally {
            workers.shutdownNow();
        }
    }
}
