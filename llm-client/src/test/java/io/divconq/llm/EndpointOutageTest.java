package io.divconq.llm;

import static io.divconq.llm.ChatMessage.user;
import static io.divconq.llm.FakeChatServer.ok;
import static io.divconq.llm.FakeChatServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An endpoint that goes away is waited out: calls are held, not failed, and go out again once it answers. */
class EndpointOutageTest {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2.0);

    private final FakeChatServer server = FakeChatServer.start();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ModelEndpoint endpoint;

    @AfterEach
    void tearDown() {
        if (endpoint != null) endpoint.close();
        server.close();
    }

    private ModelEndpoint endpoint(Duration maxOutage) {
        EndpointConfig config = EndpointConfig.of("teacher", server.baseUrl()).withRetry(FAST_RETRY)
                .withCallTimeout(Duration.ofSeconds(5))
                .withBreaker(new CircuitBreaker.Settings(3, Duration.ofMillis(50), Duration.ofMillis(200), maxOutage));
        endpoint = ModelEndpoint.builder(config).env(name -> null).meterRegistry(meters).build();
        return endpoint;
    }

    private static ChatRequest request(int i) {
        return ChatRequest.of("m", List.of(user("question " + i)), 16);
    }

    private double gauge(String name) {
        return meters.get(name).tag("endpoint", "teacher").gauge().value();
    }

    @Test
    void callsDuringAnOutageAreHeldAndAllSucceedWhenTheEndpointReturns() {
        server.otherwise(status(503, "down"));
        ModelEndpoint endpoint = endpoint(Duration.ofMinutes(15));

        List<CompletableFuture<ChatResponse>> calls = IntStream.range(0, 10).mapToObj(i -> endpoint.chat(request(i))).toList();

        assertThat(endpoint.acceptingCalls()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.heldCalls() >= 9);
        assertThat(endpoint.acceptingCalls()).as("no new work while calls are held").isFalse();
        assertThat(endpoint.breakerState()).isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        assertThat(gauge("divconq.llm.breaker.state")).isIn(1.0, 2.0);
        assertThat(gauge("divconq.llm.held_calls")).isGreaterThanOrEqualTo(9.0);
        int sentWhileDown = server.received().size();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> calls.stream().noneMatch(CompletableFuture::isDone));
        assertThat(server.received().size() - sentWhileDown).as("only probes go out while open").isLessThanOrEqualTo(6);

        server.otherwise(ok("back"));

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls).allSatisfy(c -> assertThat(c.join().content()).isEqualTo("back"));
        assertThat(endpoint.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(endpoint.acceptingCalls()).isTrue();
        assertThat(endpoint.heldCalls()).isZero();
        assertThat(gauge("divconq.llm.breaker.state")).isZero();
        assertThat(meters.get("divconq.llm.breaker.transitions").tag("to", "closed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void heldCallsFailOnlyOnceTheOutageOutlastsMaxOutage() {
        server.otherwise(status(503, "down"));
        ModelEndpoint endpoint = endpoint(Duration.ofMillis(700));
        long start = System.nanoTime();

        List<CompletableFuture<ChatResponse>> calls = IntStream.range(0, 5).mapToObj(i -> endpoint.chat(request(i))).toList();

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(calls).allSatisfy(c -> {
            CompletionException e = org.assertj.core.api.Assertions.catchThrowableOfType(c::join, CompletionException.class);
            ModelCallException m = (ModelCallException) e.getCause();
            assertThat(m.kind()).isEqualTo(ModelCallException.Kind.HTTP_STATUS);
            assertThat(m.getMessage()).contains("endpoint unavailable for").contains("longer than maxOutage 0 s")
                    .contains("HTTP 503");
        });
    }

    @Test
    void aRejectedRequestFailsAtOnceAndDoesNotOpenTheBreaker() {
        server.otherwise(status(400, "bad request"));
        ModelEndpoint endpoint = endpoint(Duration.ofMinutes(15));

        List<CompletableFuture<ChatResponse>> calls = IntStream.range(0, 6).mapToObj(i -> endpoint.chat(request(i))).toList();

        await().atMost(Duration.ofSeconds(5)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls).allSatisfy(c -> assertThat(c).isCompletedExceptionally());
        assertThat(server.received()).hasSize(6);
        assertThat(endpoint.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
