package io.divconq.dashboard;

import io.divconq.util.DaemonThreads;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.divconq.avro.ArmResult;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.MetricComparison;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: a page that polls two JSON endpoints (api/experiment, api/timeseries), plus Prometheus
 * metrics at /metrics. Served by the JDK's HTTP server on loopback by default.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    private static final String PAGE_DIR = "/io/divconq/dashboard/";
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ExperimentView view;
    private final PrometheusMeterRegistry metrics;
    private final String priceTableVersion;
    private final Set<String> registeredGauges = ConcurrentHashMap.newKeySet();

    private DashboardServer(HttpServer server, ExecutorService executor, ExperimentView view, PrometheusMeterRegistry metrics,
                            String priceTableVersion) {
        this.server = server;
        this.executor = executor;
        this.view = view;
        this.metrics = metrics;
        this.priceTableVersion = priceTableVersion;
    }

    public static DashboardServer start(String host, int port, ExperimentView view, PrometheusMeterRegistry metrics,
                                        String priceTableVersion) throws IOException {
        io.divconq.util.ProcessDefaults.httpServerNoDelay();
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.factory("divconq-dashboard-http"));
        DashboardServer d = new DashboardServer(server, executor, view, metrics, priceTableVersion);
        server.createContext("/", d::handle);
        server.setExecutor(executor);
        server.start();
        return d;
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/experiment")) {
                Optional<ExperimentResult> latest = view.latest();
                if (latest.isEmpty()) {
                    send(exchange, 503, "application/json", "{\"error\":\"no experiment result yet\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "application/json", JSON.writeValueAsBytes(ExperimentJson.of(latest.get(), priceTableVersion)));
                }
            } else if (path.equals("/api/timeseries")) {
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(view.timeseries()));
            } else if (path.equals("/metrics")) {
                view.latest().ifPresent(this::registerGauges);
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/health")) {
                send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
            } else if (PAGES.containsKey(path)) {
                String file = PAGES.get(path);
                try (InputStream in = DashboardServer.class.getResourceAsStream(PAGE_DIR + file)) {
                    if (in == null) throw new IOException("missing dashboard resource " + file);
                    send(exchange, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), in.readAllBytes());
                }
            } else {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException | IOException e) {
            log.warn("dashboard request failed: {}", e.toString());
        }
    }

    /** Per-arm and per-comparison gauges, read from the latest result at scrape time. */
    private void registerGauges(ExperimentResult first) {
        for (ArmResult a : first.getArms()) {
            String arm = a.getArm();
            gauge("divconq_arm_problems", arm, s -> s.getProblems());
            gauge("divconq_arm_labelled", arm, s -> s.getLabelled());
            gauge("divconq_arm_correct", arm, s -> s.getCorrect());
            gauge("divconq_arm_cost_usd", arm, s -> s.getCostUsdDecompose() + s.getCostUsdSolve());
            gauge("divconq_arm_dead_letters", arm, s -> s.getDeadLetters());
            gauge("divconq_arm_latency_p95_ms", arm, s -> s.getLatencyP95Ms());
            gauge("divconq_arm_pipeline_latency_p95_ms", arm, s -> s.getPipelineLatencyP95Ms());
        }
        for (MetricComparison c : first.getComparisons()) {
            String id = "divconq_comparison_difference/" + c.getTreatment() + "/" + c.getMetric();
            if (registeredGauges.add(id)) {
                Gauge.builder("divconq_comparison_difference", view, v -> v.latest().flatMap(r -> r.getComparisons().stream()
                                .filter(x -> x.getTreatment().equals(c.getTreatment()) && x.getMetric().equals(c.getMetric()))
                                .findFirst()).map(x -> x.getDifference() == null ? Double.NaN : x.getDifference()).orElse(Double.NaN))
                        .tags(Tags.of("treatment", c.getTreatment(), "metric", c.getMetric()))
                        .description("treatment minus control").register(metrics);
            }
        }
        if (registeredGauges.add("srm")) {
            Gauge.builder("divconq_srm_p_value", view, v -> v.latest().map(ExperimentResult::getSrm)
                    .map(s -> s.getPValue()).orElse(Double.NaN)).description("sample-ratio mismatch p-value").register(metrics);
        }
    }

    private void gauge(String name, String arm, ToDoubleFunction<io.divconq.avro.ArmStats> value) {
        if (!registeredGauges.add(name + "/" + arm)) return;
        Gauge.builder(name, view, v -> v.latest().flatMap(r -> r.getArms().stream().filter(x -> x.getArm().equals(arm)).findFirst())
                        .map(x -> value.applyAsDouble(x.getStats())).orElse(Double.NaN))
                .tags(Tags.of("arm", arm)).register(metrics);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
