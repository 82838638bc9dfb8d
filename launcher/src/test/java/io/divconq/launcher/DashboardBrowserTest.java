package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.dashboard.Dashboard;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.HeadlessChromium;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The live dashboard, opened in headless Chromium while the pipeline runs, shows what its JSON endpoint says. */
class DashboardBrowserTest {

    private static final Pattern CELL = Pattern.compile("data-arm=\"([^\"]+)\" data-field=\"([^\"]+)\"[^>]*>([^<]*)<");
    private static final Pattern VERDICT = Pattern.compile(
            "data-treatment=\"([^\"]+)\" data-metric=\"([^\"]+)\".*?data-field=\"verdict\"[^>]*>([^<]*)<", Pattern.DOTALL);

    @Test
    void pageShowsTheSameNumbersAsTheJsonEndpoint() throws Exception {
        HeadlessChromium.binary();
        var gsm8k = TestData.gsm8kTest();
        try (PipelineHarness h = new PipelineHarness(SimulatorConfig.defaults().withFixedLatency(10), List.of(gsm8k), c -> c)) {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            h.start(metrics);
            try (Dashboard board = Dashboard.start(h.context, metrics, "127.0.0.1", 0);
                 RunMonitor monitor = h.monitor(h.load(gsm8k, 120))) {
                h.produce(h.load(gsm8k, 120));
                assertThat(PipelineHarness.awaitFinished(monitor, 120, Duration.ofSeconds(120))).isTrue();
                JsonNode api = awaitExperimentJson(board.url(), 120);

                String dom = HeadlessChromium.dumpDom(board.url(), 8000);
                assertThat(dom).contains("data-loaded=\"true\"");
                Map<String, String> cells = new HashMap<>();
                Matcher m = CELL.matcher(dom);
                while (m.find()) cells.put(m.group(1) + "/" + m.group(2), m.group(3));
                assertThat(cells).isNotEmpty();
                for (JsonNode arm : api.get("arms")) {
                    String name = arm.get("arm").asText();
                    assertThat(cells.get(name + "/problems")).isEqualTo(Long.toString(arm.get("problems").asLong()));
                    assertThat(cells.get(name + "/labelled")).isEqualTo(Long.toString(arm.get("labelled").asLong()));
                    assertThat(cells.get(name + "/accuracy")).isEqualTo(pct(arm.get("accuracy")));
                    assertThat(cells.get(name + "/accuracy_ci")).isEqualTo("[" + pct(arm.get("accuracy_ci").get(0)) + ", "
                            + pct(arm.get("accuracy_ci").get(1)) + "]");
                    assertThat(cells.get(name + "/cost_per_problem_usd")).isEqualTo(usd(arm.get("cost_per_problem_usd")));
                    assertThat(cells.get(name + "/cost_per_correct_usd")).isEqualTo(usd(arm.get("cost_per_correct_usd")));
                    assertThat(cells.get(name + "/prompt_tokens")).isEqualTo(Long.toString(arm.get("prompt_tokens").asLong()));
                    assertThat(cells.get(name + "/latency_p95_ms")).isEqualTo(Long.toString(arm.get("latency_p95_ms").asLong()));
                    assertThat(cells.get(name + "/dead_letters")).isEqualTo(Long.toString(arm.get("dead_letters").asLong()));
                    assertThat(cells.get(name + "/weight")).isEqualTo("50");
                }
                Map<String, String> verdicts = new HashMap<>();
                Matcher v = VERDICT.matcher(dom);
                while (v.find()) verdicts.put(v.group(1) + "/" + v.group(2), v.group(3));
                for (JsonNode c : api.get("comparisons")) {
                    assertThat(verdicts.get(c.get("treatment").asText() + "/" + c.get("metric").asText()))
                            .isEqualTo(c.get("verdict").asText());
                }
                assertThat(dom).contains("id=\"srm-status\"");
                assertThat(dom).containsPattern("id=\"srm-status\"[^>]*>" + (api.get("srm").get("mismatch").asBoolean() ? "ALARM" : "OK") + "<");
                assertThat(dom).contains("SIMULATED");

                String prometheus = get(board.url() + "metrics");
                assertThat(prometheus).contains("divconq_arm_problems{arm=\"teacher\"}").contains("divconq_llm_calls")
                        .containsPattern("divconq_llm_breaker_state\\{endpoint=\"default\"[^}]*\\} 0");
                // The endpoints panel: every breaker closed after a healthy run, nothing held.
                assertThat(dom).containsPattern("data-endpoint=\"default\" data-state=\"0\"[^>]*>default: closed, 0 held<");
            }
        }
    }

    /** Waits until the endpoint reflects every scored problem, so page and test read the same, settled state. */
    private static JsonNode awaitExperimentJson(String base, int problems) throws Exception {
        return org.awaitility.Awaitility.await("experiment endpoint reaches " + problems + " problems")
                .atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    String body = get(base + "api/experiment");
                    return body.startsWith("{\"experiment\"") ? new ObjectMapper().readTree(body) : null;
                }, json -> {
                    if (json == null) return false;
                    long sum = 0;
                    for (JsonNode a : json.get("arms")) sum += a.get("problems").asLong();
                    return sum == problems;
                });
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The page's percentage format: one decimal and a % sign. */
    private static String pct(JsonNode v) {
        return v == null || v.isNull() ? "—" : String.format(Locale.ROOT, "%.1f%%", v.asDouble() * 100);
    }

    /** The page's USD format: three significant digits below $1, cents above. */
    private static String usd(JsonNode v) {
        if (v == null || v.isNull()) return "—";
        double x = v.asDouble();
        if (Math.abs(x) >= 1) return String.format(Locale.ROOT, "$%.2f", x);
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(x))));
        return String.format(Locale.ROOT, "$%." + decimals + "f", x);
    }
}
