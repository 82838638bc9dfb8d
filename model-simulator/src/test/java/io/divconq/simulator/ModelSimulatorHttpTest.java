package io.divconq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI-compatible HTTP surface of a running simulator. */
class ModelSimulatorHttpTest {

    private static final Problem PROBLEM = TestProblems.inline(1).get(0);
    /** Unknown model names get this profile: always a poor decomposition, so it is told apart from sim-teacher. */
    private static final ModelProfile DEFAULT = ModelProfile.of(0.0, 0.7, 0.4, 0.3, 0, 0).withoutErrors();

    private static ModelSimulator simulator;
    private static SimulatorClient client;

    @BeforeAll
    static void start() throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults().withFixedLatency(0).withoutErrors()
                .mapProfiles(p -> p.withReplyRates(1.0, 0.0, 0.0)).withDefaultProfile(DEFAULT);
        simulator = ModelSimulator.start(config, TestProblems.knowledgeOf(List.of(PROBLEM)), 0);
        client = new SimulatorClient(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void baseUrlIsLoopbackV1() {
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
    }

    @Test
    void chatCompletionHasTheOpenAiShapeAndIsLabelledSimulated() {
        String system = TemplatePrompts.decomposeSystem();
        String user = TemplatePrompts.decompose(PROBLEM.question());

        HttpResponse<String> response = client.chat("sim-teacher", system, user);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Divconq-Simulated")).contains("true");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode json = SimulatorClient.json(response);
        assertThat(json.get("id").asText()).startsWith("chatcmpl-");
        assertThat(json.get("object").asText()).isEqualTo("chat.completion");
        assertThat(json.get("created").asLong()).isPositive();
        assertThat(json.get("model").asText()).isEqualTo("sim-teacher");
        assertThat(json.get("system_fingerprint").asText()).isEqualTo("divconq-simulator");
        JsonNode choice = json.at("/choices/0");
        assertThat(json.get("choices")).hasSize(1);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        String content = choice.at("/message/content").asText();
        assertThat(content).isEqualTo(TemplatePrompts.numbered(PROBLEM.subquestions()));
        JsonNode usage = json.get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo((system.length() + user.length() + 3) / 4);
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo((content.length() + 3) / 4);
        assertThat(usage.get("total_tokens").asLong())
                .isEqualTo(usage.get("prompt_tokens").asLong() + usage.get("completion_tokens").asLong());
    }

    @Test
    void unknownModelIsServedWithTheDefaultProfile() {
        String user = TemplatePrompts.decompose(PROBLEM.question());

        HttpResponse<String> response = client.chat("gpt-4o", TemplatePrompts.decomposeSystem(), user);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimulatorClient.json(response).get("model").asText()).isEqualTo("gpt-4o");
        assertThat(TemplatePrompts.parseDecomposition(SimulatorClient.content(response)))
                .isNotEmpty().doesNotContainAnyElementsOf(PROBLEM.subquestions());
        assertThat(simulator.stats().byModel()).containsKey("gpt-4o");
    }

    @Test
    void solverAnswerEndsWithTheAnswerLine() {
        HttpResponse<String> response = client.chat("sim-solver", TemplatePrompts.solveSystem(),
                TemplatePrompts.solveStatic(PROBLEM.question(), PROBLEM.subquestions()));

        assertThat(SimulatorClient.content(response)).containsPattern("\\nThe answer is: \\d+$");
    }

    @Test
    void modelsAreListedInTheOpenAiShape() {
        HttpResponse<String> response = client.get("/v1/models");

        JsonNode json = SimulatorClient.json(response);
        assertThat(json.get("object").asText()).isEqualTo("list");
        assertThat(json.get("data").findValuesAsText("id")).contains("sim-teacher", "sim-student", "sim-solver");
        assertThat(json.at("/data/0/object").asText()).isEqualTo("model");
        assertThat(response.headers().firstValue("X-Divconq-Simulated")).contains("true");
    }

    @Test
    void healthAndStatsAreServed() {
        client.chat("sim-student", TemplatePrompts.decomposeSystem(), TemplatePrompts.decompose(PROBLEM.question()));

        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        JsonNode stats = SimulatorClient.json(client.get("/v1/simulator/stats"));
        assertThat(stats.get("requests").asLong()).isPositive();
        assertThat(stats.at("/by_model/sim-student/requests").asLong()).isPositive();
        assertThat(stats.at("/by_model/sim-student/completion_tokens").asLong()).isPositive();
        assertThat(stats.has("in_flight")).isTrue();
        assertThat(stats.get("max_in_flight").asInt()).isPositive();
    }

    @Test
    void badJsonIsA400WithAnOpenAiErrorBody() {
        HttpResponse<String> response = client.send(client.chatRequest("{not json").build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorClient.json(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(SimulatorClient.json(response).at("/error/message").asText()).isNotBlank();
    }

    @Test
    void requestWithoutMessagesIsA400() {
        HttpResponse<String> response = client.send(client.chatRequest("{\"model\": \"sim-solver\"}").build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorClient.json(response).at("/error/message").asText()).contains("messages");
    }

    @Test
    void unknownPathIsA404() {
        assertThat(client.get("/v1/embeddings").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientWithDefaultSettingsIsServedToo() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            HttpClient defaults = HttpClient.newBuilder().executor(executor).build();
            HttpResponse<String> response = defaults.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(SimulatorClient.chatBody("sim-solver", "s",
                            TemplatePrompts.solveDirect(PROBLEM.question())))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(SimulatorClient.content(response)).contains("The answer is: ");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void sameSeedGivesTheSameRepliesAcrossSimulators() throws IOException {
        SimulatorConfig config = SimulatorConfig.defaults().withFixedLatency(0).withoutErrors();
        List<Problem> problems = TestProblems.inline(30);
        try (ModelSimulator a = ModelSimulator.start(config, TestProblems.knowledgeOf(problems), 0);
             ModelSimulator b = ModelSimulator.start(config, TestProblems.knowledgeOf(problems), 0);
             SimulatorClient clientA = new SimulatorClient(a.baseUrl());
             SimulatorClient clientB = new SimulatorClient(b.baseUrl())) {
            for (Problem p : problems) {
                String user = TemplatePrompts.decompose(p.question());
                assertThat(SimulatorClient.content(clientA.chat("sim-student", "s", user)))
                        .isEqualTo(SimulatorClient.content(clientB.chat("sim-student", "s", user)));
            }
        }
    }
}
