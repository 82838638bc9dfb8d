package io.divconq.launcher;

import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.dashboard.Dashboard;
import io.divconq.embedded.LocalServices;
import io.divconq.launcher.input.ProblemFile;
import io.divconq.launcher.input.ProblemProducer;
import io.divconq.launcher.pipeline.Pipeline;
import io.divconq.launcher.pipeline.PipelineStream;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.report.RunReport;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the whole pipeline over a problem file and prints per-arm accuracy, cost and latency. Services not given
 * on the command line (Kafka, schema registry, model endpoint) are started in this JVM: the embedded default.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run problems through decomposer → solver → scorer and report per arm (embedded services by default).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every problem was scored", "1:the run failed or timed out (or a problem was scored twice)",
                "2:bad input, or a model endpoint or the schema registry is unreachable",
                "3:finished, but some problems were dead-lettered (report still written)"})
public final class RunCommand implements Callable<Integer> {

    /** The sample problems shipped with divconq, found from the install directory the launcher script passes. */
    static final Path DEFAULT_INPUT = Path.of(System.getProperty("divconq.home", "."), "samples", "problems.jsonl");

    /** Exit code when the run finished but some problems were dead-lettered (the report is still written). */
    static final int EXIT_DEAD_LETTERS = 3;

    @Mixin
    ConfigOptions options;

    @Mixin
    DashboardOptions dashboard;

    @Option(names = "--keep-serving", description = "After the report, keep the pipeline and dashboard up until Ctrl-C.")
    boolean keepServing;

    @Option(names = "--input", paramLabel = "FILE", description = "Problems as JSON lines (GSM8K format works). Default: ${DEFAULT-VALUE}.")
    Path input = DEFAULT_INPUT;

    @Option(names = "--limit", paramLabel = "N", description = "Use the first N problems (0 = all). Default: ${DEFAULT-VALUE}.")
    int limit = 0;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path reportJson;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up when the run takes longer. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 1800;

    @Option(names = "--simulator", negatable = true,
            description = "Use the built-in model simulator (default: on unless --llm-url or DIVCONQ_LLM_URL is given).")
    Boolean simulator;

    @Option(names = "--simulator-config", paramLabel = "FILE", description = "YAML model profiles for the simulator.")
    Path simulatorConfig;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state (default: a temporary directory).")
    Path stateDir;

    private final PrintStream out;
    private final Map<String, String> env;

    public RunCommand() {
        this(System.out, System.getenv());
    }

    RunCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(input)) {
            out.println("cannot read --input " + input.toAbsolutePath());
            return 2;
        }
        long start = System.nanoTime();
        ConfigLoader loader = options.loader(env);
        boolean simulate = simulator != null ? simulator : !options.llmGiven(env);
        try (LocalServices local = new LocalServices()) {
            String bootstrap = options.bootstrapServers;
            if (bootstrap == null) {
                out.println("starting embedded Kafka (KRaft, 1 node) ...");
                bootstrap = local.startKafka().bootstrapServers();
            }
            if (options.schemaRegistryUrl == null) {
                loader.schemaRegistryUrl(local.startRegistry().url());
            }
            if (simulate) {
                SimulatorConfig sc = simulatorConfig != null ? SimulatorConfig.load(simulatorConfig) : SimulatorConfig.defaults();
                loader.llmUrl(local.startSimulator(sc, List.of(input)).baseUrl());
                out.println("model endpoints: the divconq model simulator (SIMULATED answers) at " + local.simulator().baseUrl());
            }
            DivconqConfig config = loader.build();
            if (keepServing) printServices(bootstrap, config);
            String unreachable = io.divconq.launcher.preflight.Preflight.report(io.divconq.launcher.preflight.Preflight.unreachable(config));
            if (unreachable != null) {
                out.println(unreachable);
                return 2;
            }
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DivconqContext context = DivconqContext.create(config, bootstrap, env::get, metrics);

            ProblemFile.Loaded loaded = ProblemFile.read(input, limit);
            loaded.rejected().forEach(r -> out.println("skipped unreadable problem line " + r));
            if (loaded.problems().isEmpty()) {
                out.println("no problems in " + input);
                return 2;
            }
            TopicAdmin.ensureTopics(context);
            Path state = stateDir != null ? stateDir : Files.createTempDirectory("divconq-state-");
            try (Pipeline pipeline = Pipeline.start(context, new Pipeline.Options(EnumSet.allOf(PipelineStream.class), state, false));
                 Dashboard board = dashboard.enabled
                         ? Dashboard.start(context, metrics, dashboard.host, dashboard.port) : null) {
                pipeline.awaitRunning(Duration.ofSeconds(120));
                if (board != null) out.println("live dashboard: " + board.url() + "  (Prometheus metrics at " + board.url() + "metrics)");
                Set<String> ids = loaded.problems().stream().map(Problem::getId).collect(Collectors.toSet());
                try (RunMonitor monitor = new RunMonitor(context, ids)) {
                    ProblemProducer.send(context, loaded.problems());
                    out.printf("%d problems sent to %s; arms %s%n", loaded.problems().size(), context.topics().problems().name(),
                            config.experiment().arms().stream().map(a -> a.name() + "=" + a.model() + " (" + a.weight() + ")").toList());
                    if (!await(monitor, pipeline, ids.size(), start)) return 1;
                    RunReport report = new RunReport(loaded.problems().size(), monitor.scores().size(), monitor.deadLetters().size(),
                            simulate, (System.nanoTime() - start) / 1e9, config.prices().version(), new TreeMap<>(monitor.armStats()),
                            monitor.experiment().orElse(null));
                    out.println();
                    out.print(report.table());
                    if (reportJson != null) {
                        report.writeJson(reportJson);
                        out.println("report written to " + reportJson);
                    }
                    if (keepServing) {
                        out.println("still serving" + (board == null ? "" : " the dashboard at " + board.url()) + "; Ctrl-C to stop");
                        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
                        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                        stop.await();
                    }
                    if (monitor.duplicateScores() > 0) return 1;
                    return monitor.deadLetters().isEmpty() ? 0 : EXIT_DEAD_LETTERS;
                }
            }
        }
    }

    /** The connection lines `divconq services` prints, so other commands can be pointed at this run. */
    private void printServices(String bootstrap, DivconqConfig config) {
        ServicesCommand.print(out, bootstrap, config.schemaRegistry().url(),
                config.endpoints().values().stream().map(e -> e.url()).distinct().toList());
    }

    private boolean await(RunMonitor monitor, Pipeline pipeline, int expected, long start) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            monitor.poll(Duration.ofMillis(200));
            int finished = monitor.finished();
            if (System.nanoTime() - lastPrint > 1_000_000_000L || finished == expected) {
                double secs = (System.nanoTime() - start) / 1e9;
                out.printf("  %5.1f s  scored %d/%d  dead-lettered %d%n", secs, monitor.scores().size(), expected,
                        monitor.deadLetters().size());
                lastPrint = System.nanoTime();
            }
            if (finished == expected && monitor.armStatsCaughtUp()) return true;
            if (!pipeline.failed().isEmpty()) {
                out.println("pipeline stream(s) failed: " + pipeline.failed() + "; see the log");
                return false;
            }
        }
        out.printf("timed out after %d s with %d of %d problems finished%n", timeoutSeconds, monitor.finished(), expected);
        return false;
    }
}
