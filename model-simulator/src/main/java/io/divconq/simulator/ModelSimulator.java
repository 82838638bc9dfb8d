package io.divconq.simulator;

import io.divconq.util.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A SIMULATED OpenAI-compatible model server on loopback: seeded replies, latency and errors, every response
 * labelled {@code X-Divconq-Simulated: true}. Pending requests wait in a scheduler queue, not on threads.
 * Endpoints: POST /v1/chat/completions, GET /v1/models, GET /health, GET /v1/simulator/stats.
 */
public final class ModelSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSimulator.class);
    private static final int BACKLOG = 1024;
    private static final int DEFAULT_MAIN_PORT = 8089;

    private final HttpServer server;
    private final SimulatorConfig config;
    private final StatsRecorder stats;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService workers;
    private final CountDownLatch closed = new CountDownLatch(1);

    private ModelSimulator(HttpServer server, SimulatorConfig config, StatsRecorder stats,
                           ScheduledThreadPoolExecutor scheduler, ExecutorService workers) {
        this.server = server;
        this.config = config;
        this.stats = stats;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    /** Starts a simulator on 127.0.0.1; port 0 picks a free port. */
    public static ModelSimulator start(SimulatorConfig config, ProblemKnowledge knowledge, int port) throws IOException {
        return start(config, knowledge, InetAddress.getLoopbackAddress(), port);
    }

    /** Starts a simulator on the given address (0.0.0.0 inside a container); port 0 picks a free port. */
    public static ModelSimulator start(SimulatorConfig config, ProblemKnowledge knowledge, InetAddress address, int port)
            throws IOException {
        io.divconq.util.ProcessDefaults.httpServerNoDelay();
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        ExecutorService workers = Executors.newFixedThreadPool(threads, DaemonThreads.factory("divconq-sim-worker"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("divconq-sim-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), BACKLOG);
        } catch (IOException e) {
            workers.shutdownNow();
            scheduler.shutdownNow();
            throw e;
        }
        StatsRecorder stats = new StatsRecorder();
        ModelSimulator simulator = new ModelSimulator(server, config, stats, scheduler, workers);
        ReplyWriter replies = new ReplyWriter(config, knowledge);
        server.createContext("/v1/chat/completions", new ChatCompletionsHandler(config, replies, stats, scheduler, workers));
        server.createContext("/v1/models", simulator::models);
        server.createContext("/v1/simulator/stats", simulator::statsEndpoint);
        server.createContext("/health", simulator::health);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Exchanges.sendError(exchange, 404, "Unknown path " + exchange.getRequestURI().getPath(),
                    "invalid_request_error", "not_found");
        });
        server.setExecutor(workers);
        server.start();
        LOG.info("SIMULATED model server (not a real model) listening on {} with {} known problems, seed {}",
                simulator.baseUrl(), knowledge.size(), config.seed());
        return simulator;
    }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL an OpenAI client needs. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatorConfig config() {
        return config;
    }

    public SimulatorStats stats() {
        return stats.snapshot();
    }

    /** Zeroes the statistics (requests still in flight stay counted as in flight). */
    public void resetStats() {
        stats.reset();
    }

    /** Stops serving at once; requests still pending are dropped. */
    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
        closed.countDown();
    }

    private void models(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (!Exchanges.authorized(exchange, config.requiredApiKey())) {
            Exchanges.sendUnauthorized(exchange);
            return;
        }
        List<OpenAiWire.ModelEntry> entries = new ArrayList<>();
        config.models().keySet().forEach(id -> entries.add(new OpenAiWire.ModelEntry(id, "model", 0, OpenAiWire.OWNER)));
        Exchanges.sendJson(exchange, 200, new OpenAiWire.ModelList("list", entries));
    }

    private void statsEndpoint(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Exchanges.sendJson(exchange, 200, stats());
    }

    private void health(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Exchanges.sendJson(exchange, 200, Map.of("status", "ok", "simulated", true));
    }

    /** Runs a simulator until the process is stopped: {@code [--port N] [--config sim.yaml] [--problems a.jsonl b.jsonl ...]}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = DEFAULT_MAIN_PORT;
        SimulatorConfig config = SimulatorConfig.defaults();
        List<Path> problemFiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(requireValue(args, ++i, "--port"));
                case "--config" -> config = SimulatorConfig.load(Path.of(requireValue(args, ++i, "--config")));
                case "--problems" -> {
                    requireValue(args, i + 1, "--problems");
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        problemFiles.add(Path.of(args[++i]));
                    }
                }
                case "--help", "-h" -> {
                    System.out.println("Usage: ModelSimulator [--port N (default " + DEFAULT_MAIN_PORT
                            + ", 0 = any)] [--config sim.yaml] [--problems file.jsonl ...]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        ProblemKnowledge knowledge;
        try {
            knowledge = ProblemKnowledge.fromJsonLines(problemFiles.toArray(Path[]::new));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ModelSimulator simulator = start(config, knowledge, port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "divconq-sim-shutdown"));
        System.out.println("divconq MODEL SIMULATOR: every reply is SIMULATED, no real model is called.");
        System.out.println("OpenAI-compatible base URL " + simulator.baseUrl() + ", models " + config.models().keySet()
                + " (any other name uses the default profile), " + knowledge.size() + " known problems, seed "
                + config.seed() + ". Stats at " + simulator.baseUrl() + "/simulator/stats");
        simulator.closed.await();
    }

    private static String requireValue(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
