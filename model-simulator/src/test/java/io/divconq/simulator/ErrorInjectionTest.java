package io.divconq.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Injected HTTP failures: rates, shapes, per-request randomness, and the API key check. */
class ErrorInjectionTest {

    private static final Problem PROBLEM = TestProblems.inline(1).get(0);
    private static final String USER = TemplatePrompts.solveStatic(PROBLEM.question(), PROBLEM.subquestions());
    private static final ModelProfile NO_WAIT = ModelProfile.of(0.95, 0.7, 0.4, 0.3, 0, 0);

    @Test
    void errorsComeAtTheConfiguredRatesAndAreCountedByKind() throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults().withModel("flaky", NO_WAIT.withErrorRates(0.2, 0.1, 0.0));
        int n = 1000;
        int server = 0;
        int limited = 0;
        try (ModelSimulator simulator = start(config); SimulatorClient client = new SimulatorClient(simulator.baseUrl())) {
            for (int i = 0; i < n; i++) {
                HttpResponse<String> response = client.chat("flaky", "s", USER);
                assertThat(response.headers().firstValue("X-Divconq-Simulated")).contains("true");
                switch (response.statusCode()) {
                    case 500 -> {
                        server++;
                        assertThat(SimulatorClient.json(response).at("/error/type").asText()).isEqualTo("server_error");
                    }
                    case 429 -> {
                        limited++;
                        assertThat(response.headers().firstValue("Retry-After")).contains("1");
                        assertThat(SimulatorClient.json(response).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
                    }
                    default -> assertThat(response.statusCode()).isEqualTo(200);
                }
            }
            SimulatorStats stats = simulator.stats();
            assertThat(stats.errorCount("server_error")).isEqualTo(server);
            assertThat(stats.errorCount("rate_limited")).isEqualTo(limited);
            assertThat(stats.byModel().get("flaky").completions()).isEqualTo(n - server - limited);
            assertThat(stats.inFlight()).isZero();
        }
        assertThat(server / (double) n).isBetween(0.16, 0.24);
        assertThat(limited / (double) n).isBetween(0.07, 0.13);
    }

    @Test
    void retriesOfAFailedRequestCanSucceedWithTheSameReply() throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults().withModel("flaky", NO_WAIT.withErrorRates(0.5, 0.0, 0.0));
        Set<Integer> statuses = new HashSet<>();
        Set<String> replies = new HashSet<>();
        try (ModelSimulator simulator = start(config); SimulatorClient client = new SimulatorClient(simulator.baseUrl())) {
            for (int attempt = 0; attempt < 30; attempt++) {
                HttpResponse<String> response = client.chat("flaky", "s", USER);
                statuses.add(response.statusCode());
                if (response.statusCode() == 200) {
                    replies.add(SimulatorClient.content(response));
                }
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 500);
        assertThat(replies).hasSize(1);
    }

    @Test
    void timedOutRequestIsHeldThenAnswered504() throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withModel("hanging", NO_WAIT.withErrorRates(0.0, 0.0, 1.0).withHangMs(200));
        try (ModelSimulator simulator = start(config); SimulatorClient client = new SimulatorClient(simulator.baseUrl())) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.chat("hanging", "s", USER);
            long heldMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(heldMs).isGreaterThanOrEqualTo(200);
            assertThat(SimulatorClient.json(response).at("/error/message").asText()).isNotBlank();
            assertThat(simulator.stats().errorCount("timeout")).isEqualTo(1);
        }
    }

    @Test
    void requiredApiKeyRejectsRequestsWithoutIt() throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults().withFixedLatency(0).withoutErrors().withRequiredApiKey("k-123");
        try (ModelSimulator simulator = start(config); SimulatorClient client = new SimulatorClient(simulator.baseUrl())) {
            String body = SimulatorClient.chatBody("sim-solver", "s", USER);

            HttpResponse<String> missing = client.send(client.chatRequest(body).build());
            HttpResponse<String> wrong = client.send(client.chatRequest(body).header("Authorization", "Bearer nope").build());
            HttpResponse<String> right = client.send(client.chatRequest(body).header("Authorization", "Bearer k-123").build());

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(SimulatorClient.json(missing).at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(client.get("/v1/models").statusCode()).isEqualTo(401);
            assertThat(simulator.stats().errorCount("unauthorized")).isEqualTo(2);
        }
    }

    private static ModelSimulator start(SimulatorConfig config) throws IOException {
        return ModelSimulator.start(config, TestProblems.knowledgeOf(List.of(PROBLEM)), 0);
    }
}
