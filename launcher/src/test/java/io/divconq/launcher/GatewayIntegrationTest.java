package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.divconq.avro.Score;
import io.divconq.common.context.DivconqContext;
import io.divconq.gateway.Gateway;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TopicReader;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway over the whole pipeline on the real broker, registry and simulator: what an HTTP client sees. */
class GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static PipelineHarness h;
    private static PrometheusMeterRegistry meters;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        h = new PipelineHarness(SimulatorConfig.defaults().withFixedLatency(20).withoutErrors(), List.of(),
                c -> c.mergeYaml("""
                        gateway: {port: 0, cache: {enabled: true, ttlMs: 600000, maxEntries: 100}}
                        experiment: {assignmentKey: tenant}
                        """));
        h.start();
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gateway = Gateway.start(DivconqContext.create(h.config, h.bootstrap, k -> null, meters), Files.createTempDirectory("gw-"), k -> null);
        gateway.awaitRunning(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (h != null) h.close();
    }

    @Test
    void chatCompletionHasOpenAiShapeWithTheScoredArmCostAndTokens() throws Exception {
        HttpResponse<String> r = post(gateway, "v1/chat/completions", """
                {"model": "divconq", "messages": [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": "A shop sells 14 apples a day for 6 days. How many apples does it sell?"}]}""", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode c = JSON.readTree(r.body());
        String problemId = c.at("/divconq/problem_id").asText();
        Score score = score(problemId);

        assertThat(c.get("id").asText()).isEqualTo("chatcmpl-" + problemId);
        assertThat(c.get("object").asText()).isEqualTo("chat.completion");
        assertThat(c.get("created").isIntegralNumber()).isTrue();
        assertThat(c.get("model").asText()).isEqualTo("divconq");
        assertThat(c.get("choices")).hasSize(1);
        assertThat(c.at("/choices/0/index").asInt()).isZero();
        assertThat(c.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(c.at("/choices/0/message/content").asText()).isEqualTo(score.getPredicted());
        assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        long prompt = score.getDecomposeUsage().getPromptTokens() + score.getSolveUsage().getPromptTokens();
        long completion = score.getDecomposeUsage().getCompletionTokens() + score.getSolveUsage().getCompletionTokens();
        assertThat(c.at("/usage/prompt_tokens").asLong()).isEqualTo(prompt).isPositive();
        assertThat(c.at("/usage/completion_tokens").asLong()).isEqualTo(completion).isPositive();
        assertThat(c.at("/usage/total_tokens").asLong()).isEqualTo(prompt + completion);
        assertThat(c.at("/divconq/arm").asText()).isEqualTo(score.getArm()).isIn("teacher", "student");
        assertThat(c.at("/divconq/experiment").asText()).isEqualTo("teacher-vs-student");
        assertThat(c.at("/divconq/subquestions").isArray()).isTrue();
        assertThat(c.at("/divconq/subquestions")).isNotEmpty();
        // Dollars to the picodollar.
        assertThat(c.at("/divconq/cost_usd/decompose").asDouble()).isCloseTo(score.getCostUsdDecompose(), Offset.offset(1e-12));
        assertThat(c.at("/divconq/cost_usd/solve").asDouble()).isCloseTo(score.getCostUsdSolve(), Offset.offset(1e-12));
        assertThat(c.at("/divconq/cost_usd/total").asDouble())
                .isCloseTo(score.getCostUsdDecompose() + score.getCostUsdSolve(), Offset.offset(1e-12));
        assertThat(c.at("/divconq/cached").asBoolean()).isFalse();
        assertThat(r.headers().firstValue("X-Divconq-Arm")).contains(score.getArm());
        assertThat(r.headers().firstValue("X-Divconq-Problem-Id")).contains(problemId);
        assertThat(Double.parseDouble(r.headers().firstValue("X-Divconq-Cost-Usd").orElseThrow()))
                .isCloseTo(score.getCostUsdDecompose() + score.getCostUsdSolve(), Offset.offset(1e-8));
    }

    @Test
    void anOpenAiJavaClientWorksUnchanged() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(gateway.url() + "v1").apiKey("not-needed")
                .modelName("teacher-vs-student").timeout(Duration.ofSeconds(60)).build();
        ChatResponse reply = model.chat(dev.langchain4j.data.message.UserMessage.from(
                "A train has 9 cars with 40 seats each. How many seats are there?"));
        String problemId = reply.id().substring("chatcmpl-".length());
        Score score = score(problemId);
        assertThat(reply.aiMessage().text()).isEqualTo(score.getPredicted());
        assertThat(reply.tokenUsage().inputTokenCount())
                .isEqualTo((int) (score.getDecomposeUsage().getPromptTokens() + score.getSolveUsage().getPromptTokens()));
        assertThat(reply.tokenUsage().outputTokenCount())
                .isEqualTo((int) (score.getDecomposeUsage().getCompletionTokens() + score.getSolveUsage().getCompletionTokens()));
        assertThat(reply.finishReason()).hasToString("STOP");
        assertThat(reply.modelName()).isEqualTo("teacher-vs-student");
    }

    @Test
    void anOpenAiJavaClientStreamsUnchanged() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(gateway.url() + "v1").apiKey("not-needed")
                .modelName("divconq").timeout(Duration.ofSeconds(60)).build();
        StringBuilder partials = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("A box holds 8 cups; how many cups in 7 boxes?", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse reply = done.get(60, TimeUnit.SECONDS);
        Score score = score(reply.id().substring("chatcmpl-".length()));
        assertThat(partials.toString()).isEqualTo(score.getPredicted());
        assertThat(reply.aiMessage().text()).isEqualTo(score.getPredicted());
        assertThat(reply.tokenUsage().totalTokenCount()).isEqualTo((int) (score.getDecomposeUsage().getPromptTokens()
                + score.getSolveUsage().getPromptTokens() + score.getDecomposeUsage().getCompletionTokens()
                + score.getSolveUsage().getCompletionTokens()));
        assertThat(reply.finishReason()).hasToString("STOP");
    }

    @Test
    void pastTheDeadlineA202PointsToTheAnswerThatStaysFetchable() throws Exception {
        HttpResponse<String> r = post(gateway, "v1/answers",
                "{\"question\": \"Tom has 3 boxes of 12 pens. How many pens?\", \"id\": \"deadline-1\"}",
                Map.of("X-Divconq-Timeout-Ms", "0"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).contains("/v1/answers/deadline-1");
        assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo("deadline-1");

        JsonNode answered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(get(gateway, "v1/answers/deadline-1").body()), a -> a.path("status").asText().equals("answered"));
        Score score = score("deadline-1");
        assertThat(answered.get("answer").asText()).isEqualTo(score.getPredicted());
        assertThat(answered.get("arm").asText()).isEqualTo(score.getArm());
        assertThat(answered.get("question").asText()).isEqualTo("Tom has 3 boxes of 12 pens. How many pens?");
        assertThat(get(gateway, "v1/answers/never-sent").statusCode()).isEqualTo(404);
    }

    @Test
    void aRepeatWithTheSameKeyMakesNoModelCallsAndAChangedBodyIs409() throws Exception {
        String body = "{\"question\": \"A farm has 7 hens laying 5 eggs each. How many eggs?\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "idem-42");
        JsonNode first = JSON.readTree(expect(200, post(gateway, "v1/answers", body, key)).body());
        long callsAfterFirst = h.local.simulator().stats().requests();

        JsonNode again = JSON.readTree(expect(200, post(gateway, "v1/answers", body, key)).body());
        assertThat(again).isEqualTo(first);
        assertThat(h.local.simulator().stats().requests()).isEqualTo(callsAfterFirst);
        assertThat(first.get("id").asText()).isEqualTo("idem-42");

        HttpResponse<String> changed = post(gateway, "v1/answers", "{\"question\": \"A farm has 8 hens. How many?\"}", key);
        assertThat(changed.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(changed.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(error.get("message").asText()).contains("idem-42");
        assertThat(TopicReader.countByKey(h.bootstrap, h.topics.problems().name(), Duration.ofMillis(500))).containsEntry("idem-42", 1);
    }

    @Test
    void streamingSendsSubquestionsThenTheAnswerThenUsage() throws Exception {
        HttpResponse<String> r = post(gateway, "v1/chat/completions", """
                {"model": "divconq", "stream": true,
                 "messages": [{"role": "user", "content": "Ann buys 4 bags of 25 marbles and loses 13. How many are left?"}]}""",
                Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> frames = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(frames.get(frames.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String f : frames.subList(0, frames.size() - 1)) chunks.add(JSON.readTree(f));
        assertThat(chunks).allSatisfy(c -> assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");

        String problemId = chunks.get(0).at("/divconq/problem_id").asText();
        Score score = score(problemId);
        List<String> events = new ArrayList<>();
        for (JsonNode c : chunks) {
            if (c.at("/divconq/event").asText().equals("subquestions")) events.add("subquestions");
            else if (c.at("/choices/0/delta/content").asText().length() > 0) events.add("answer:" + c.at("/choices/0/delta/content").asText());
            else if (c.at("/choices/0/finish_reason").asText().equals("stop")) events.add("stop");
            else if (c.has("usage")) events.add("usage:" + c.at("/usage/total_tokens").asLong());
        }
        long total = score.getDecomposeUsage().getPromptTokens() + score.getSolveUsage().getPromptTokens()
                + score.getDecomposeUsage().getCompletionTokens() + score.getSolveUsage().getCompletionTokens();
        assertThat(events).containsExactly("subquestions", "answer:" + score.getPredicted(), "stop", "usage:" + total);
        JsonNode sub = chunks.stream().filter(c -> c.at("/divconq/event").asText().equals("subquestions")).findFirst().orElseThrow();
        assertThat(sub.at("/divconq/arm").asText()).isEqualTo(score.getArm());
        assertThat(sub.at("/divconq/subquestions")).isNotEmpty();
        assertThat(chunks.get(chunks.size() - 1).get("choices")).isEmpty();
    }

    @Test
    void aTenantAttributeKeepsEveryQuestionOfTheTenantInOneArm() throws Exception {
        var assigner = new io.divconq.decomposer.ArmAssigner(h.config.experiment());
        for (String tenant : List.of("acme", "globex", "initech")) {
            String expected = assigner.assignKey(tenant).name();
            for (int i = 0; i < 3; i++) {
                String body = JSON.writeValueAsString(Map.of("model", "divconq", "metadata", Map.of("tenant", tenant),
                        "messages", List.of(Map.of("role", "user", "content", tenant + " orders " + (i + 2) + " boxes of 10. How many items?"))));
                HttpResponse<String> r = expect(200, post(gateway, "v1/chat/completions", body, Map.of()));
                assertThat(JSON.readTree(r.body()).at("/divconq/arm").asText()).as(tenant).isEqualTo(expected);
                assertThat(r.headers().firstValue("X-Divconq-Arm")).contains(expected);
            }
        }
    }

    @Test
    void pastMaxPendingRequestsGet429WithRetryAfter() throws Exception {
        Gateway small = Gateway.start(context(withGateway("gateway: {port: 0, maxPending: 1}")),
                Files.createTempDirectory("gw-small-"), k -> null);
        try {
            small.awaitRunning(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> get(small, "v1/answers/nobody").statusCode() == 404);
            // Holds the only slot: a long poll for a problem nobody sends.
            CompletableFuture<HttpResponse<String>> holder = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(small.url() + "v1/answers/nobody?wait_ms=4000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> rejected = await().atMost(Duration.ofSeconds(10)).until(
                    () -> post(small, "v1/answers", "{\"question\": \"How many legs do 3 cats have?\"}", Map.of()),
                    r -> r.statusCode() == 429);
            assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
            assertThat(JSON.readTree(rejected.body()).at("/error/type").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        } finally {
            small.close();
        }
    }

    @Test
    void anExactRepeatIsServedFromTheCacheMarkedAndCounted() throws Exception {
        JsonNode first = JSON.readTree(expect(200, post(gateway, "v1/chat/completions",
                chat("A library has 120 books and lends out 45. How many remain?"), Map.of())).body());
        long calls = h.local.simulator().stats().requests();
        JsonNode hit = JSON.readTree(expect(200, post(gateway, "v1/chat/completions",
                chat("  a library has 120 books and LENDS out   45. How many remain?"), Map.of())).body());
        assertThat(h.local.simulator().stats().requests()).isEqualTo(calls);
        assertThat(hit.at("/divconq/cached").asBoolean()).isTrue();
        assertThat(first.at("/divconq/cached").asBoolean()).isFalse();
        assertThat(hit.at("/divconq/problem_id")).isEqualTo(first.at("/divconq/problem_id"));
        assertThat(hit.at("/choices/0/message/content")).isEqualTo(first.at("/choices/0/message/content"));
        double cost = first.at("/divconq/cost_usd/total").asDouble();
        assertThat(gateway.cacheHits()).isGreaterThanOrEqualTo(1);
        String metrics = get(gateway, "metrics").body();
        assertThat(metrics).contains("divconq_gateway_cache_hits_total " + gateway.cacheHits());
        assertThat(gateway.cacheSavedUsd()).isGreaterThanOrEqualTo(cost - 1e-12).isPositive();
    }

    @Test
    void aGatewayRestartedMidRequestStillServesTheResultById() throws Exception {
        var cfg = withGateway("gateway: {port: 0}");
        var state = Files.createTempDirectory("gw-restart-");
        Gateway first = Gateway.start(context(cfg), state, k -> null);
        first.awaitRunning(Duration.ofSeconds(60));
        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(first.url() + "v1/answers"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Sam saves 6 dollars a week for 9 weeks. How much?\", \"id\": \"restart-1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(() -> get(first, "v1/answers/restart-1").statusCode() == 200);
        first.close();
        // The client loses the request (connection closed, or a 503 if the reply got out first), never an answer.
        await().atMost(Duration.ofSeconds(30)).until(inFlight::isDone);
        if (!inFlight.isCompletedExceptionally()) assertThat(inFlight.get().statusCode()).isEqualTo(503);

        Gateway second = Gateway.start(context(cfg), state, k -> null);
        try {
            second.awaitRunning(Duration.ofSeconds(60));
            JsonNode a = JSON.readTree(expect(200, get(second, "v1/answers/restart-1?wait_ms=30000")).body());
            assertThat(a.get("status").asText()).isEqualTo("answered");
            assertThat(a.get("answer").asText()).isEqualTo(score("restart-1").getPredicted());
        } finally {
            second.close();
        }
    }

    @Test
    void aResultProducedWhileOneInstanceWasDownIsServedByTheOther() throws Exception {
        var cfg = withGateway("gateway: {port: 0, authTokensEnv: GW_TOKENS}");
        Map<String, String> env = Map.of("GW_TOKENS", "tok-a,tok-b");
        Map<String, String> bearer = Map.of("Authorization", "Bearer tok-b");
        Gateway a = Gateway.start(context(cfg), Files.createTempDirectory("gw-a-"), env::get);
        Gateway b = Gateway.start(context(cfg), Files.createTempDirectory("gw-b-"), env::get);
        try {
            a.awaitRunning(Duration.ofSeconds(60));
            b.awaitRunning(Duration.ofSeconds(60));
            assertThat(post(a, "v1/answers", "{\"question\": \"2 + 2?\"}", Map.of()).statusCode()).isEqualTo(401);
            b.close();
            for (int i = 0; i < 6; i++) {
                expect(200, post(a, "v1/answers", "{\"question\": \"A pack has " + (i + 3) + " pens; how many in 4 packs?\", \"id\": \"two-"
                        + i + "\"}", bearer));
            }
            b = Gateway.start(context(cfg), Files.createTempDirectory("gw-b2-"), env::get);
            b.awaitRunning(Duration.ofSeconds(60));
            for (int i = 0; i < 6; i++) {
                Gateway other = b;
                String id = "two-" + i;
                JsonNode fromB = JSON.readTree(await().atMost(Duration.ofSeconds(30))
                        .until(() -> get(other, "v1/answers/" + id, bearer), r -> r.statusCode() == 200).body());
                assertThat(fromB.get("status").asText()).isEqualTo("answered");
                assertThat(fromB.get("answer").asText()).isEqualTo(score(id).getPredicted());
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static io.divconq.common.config.DivconqConfig withGateway(String yaml) throws Exception {
        return io.divconq.common.config.ConfigLoader.defaults().topicPrefix(h.topics.prefix())
                .schemaRegistryUrl(h.config.schemaRegistry().url()).llmUrl(h.local.simulator().baseUrl()).mergeYaml(yaml).build();
    }

    private static DivconqContext context(io.divconq.common.config.DivconqConfig config) {
        return DivconqContext.create(config, h.bootstrap, k -> null, new SimpleMeterRegistry());
    }

    private static String chat(String question) throws Exception {
        return JSON.writeValueAsString(Map.of("model", "divconq", "messages", List.of(Map.of("role", "user", "content", question))));
    }

    /** The pipeline's own score of a problem, read back from the scores topic. */
    private static Score score(String problemId) {
        Map<String, Score> found = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TopicReader.forEach(h.bootstrap, h.topics.scores().name(), Duration.ofMillis(300), (k, v) -> {
                if (problemId.equals(k)) found.put(k, h.topics.scores().decode(v));
            });
            return found.containsKey(problemId);
        });
        return found.get(problemId);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    static HttpResponse<String> post(Gateway g, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(Gateway g, String path) throws Exception {
        return get(g, path, Map.of());
    }

    static HttpResponse<String> get(Gateway g, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.url() + path));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
