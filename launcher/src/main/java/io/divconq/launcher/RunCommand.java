package io.divconq.launcher;

import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import io.divconq.datasets.Datasets;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.distill.export.ExportMode;
import io.divconq.distill.export.ExportRequest;
import io.divconq.launcher.distill.ClusterExport;
import io.divconq.launcher.distill.RolloutTimeline;
import io.divconq.common.files.TempDirectory;
import io.divconq.dashboard.Dashboard;
import io.divconq.dashboard.PrometheusMetrics;
import io.divconq.embedded.LocalServices;
import io.divconq.gateway.Gateway;
import io.divconq.launcher.input.ProblemFile;
import io.divconq.launcher.input.ProblemProducer;
import io.divconq.launcher.pipeline.Pipeline;
import io.divconq.launcher.pipeline.PipelineStream;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.launcher.report.ProgressLine;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.report.RunReport;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    ModelOptions models;

    @Mixin
    DashboardOptions dashboard;

    @Option(names = "--keep-serving", description = "After the report, keep the pipeline and dashboard up until Ctrl-C.")
    boolean keepServing;

    @Option(names = "--gateway", negatable = true,
            description = "Serve the HTTP gateway (OpenAI-compatible, gateway.port, 8090 by default). Default: on with --keep-serving.")
    Boolean gateway;

    @Option(names = "--gateway-port", paramLabel = "PORT", description = "Gateway port (default: gateway.port in the config, 8090; 0 = any free port).")
    Integer gatewayPort;

    @Option(names = "--input", paramLabel = "FILE", description = "Problems as JSON lines: DROP, Bamboogle and GSM8K files as "
            + "published, or divconq's own lines; repeat to mix datasets in one run. Default: " + "samples/problems.jsonl.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset of every --input (gsm8k, drop, bamboogle, ...); "
            + "default: recognised from each file's first line.")
    String dataset;

    @Option(names = "--split", paramLabel = "NAME", description = ProblemFile.SPLIT_HELP)
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Use the first N problems of each input (0 = all). Default: ${DEFAULT-VALUE}.")
    int limit = 0;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path reportJson;

    @Option(names = "--export-sft", paramLabel = "DIR",
            description = "After the run, write the teacher's SD-T and SD-R fine-tuning files and manifest.json to DIR.")
    Path exportSft;

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
        List<Path> files = inputs.isEmpty() ? List.of(DEFAULT_INPUT) : inputs;
        for (Path input : files) {
            if (!Files.isReadable(input)) {
                out.println("cannot read --input " + input.toAbsolutePath());
                return 2;
            }
        }
        if (dataset != null && Datasets.defined(dataset).isEmpty()) {
            out.println("unknown --dataset " + dataset + "; known: " + Datasets.names());
            return 2;
        }
        long start = System.nanoTime();
        ConfigLoader loader = models.applyTo(options.loader(env));
        boolean simulate = simulator != null ? simulator : !models.llmGiven(env);
        ProgressLine progress = ProgressLine.forOutput(out);
        try (LocalServices local = new LocalServices();
             TempDirectory tempState = stateDir == null ? TempDirectory.create("divconq-state-") : null) {
            String bootstrap = options.bootstrapServers;
            if (bootstrap == null) {
                progress.update("starting embedded Kafka (KRaft, 1 node) ...");
                long t0 = System.nanoTime();
                bootstrap = local.startKafka().bootstrapServers();
                progress.finish(String.format("embedded Kafka (KRaft, 1 node) ready in %.1f s", (System.nanoTime() - t0) / 1e9));
            }
            if (options.schemaRegistryUrl == null) {
                loader.schemaRegistryUrl(local.startRegistry().url());
            }
            if (simulate) {
                SimulatorConfig sc = simulatorConfig != null ? SimulatorConfig.load(simulatorConfig) : SimulatorConfig.defaults();
                loader.llmUrl(local.startSimulator(sc, files).baseUrl());
                out.println("model endpoints: the divconq model simulator (SIMULATED answers) at " + local.simulator().baseUrl());
            }
            DivconqConfig config = GatewayCommand.withPort(loader.build(), gatewayPort);
            if (keepServing) printServices(bootstrap, config);
            String unreachable = io.divconq.launcher.preflight.Preflight.report(io.divconq.launcher.preflight.Preflight.unreachable(config));
            if (unreachable != null) {
                out.println(unreachable);
                return 2;
            }
            PrometheusMeterRegistry metrics = PrometheusMetrics.create();
            DivconqContext context = DivconqContext.create(config, bootstrap, env::get, metrics);

            ProblemFile.Loaded loaded = ProblemFile.read(files, dataset, split, limit);
            loaded.rejected().forEach(r -> out.println("input: " + r));
            if (loaded.problems().isEmpty()) {
                out.println("no problems in " + files);
                return 2;
            }
            TopicAdmin.ensureTopics(context);
            // A temporary state directory is removed on exit; one given with --state-dir is kept.
            Path state = stateDir != null ? stateDir : tempState.path();
            try (Pipeline pipeline = Pipeline.start(context, new Pipeline.Options(EnumSet.allOf(PipelineStream.class), state, false));
                 Dashboard board = dashboard.enabled
                         ? Dashboard.start(context, metrics, dashboard.host, dashboard.port) : null;
                 Gateway front = (gateway != null ? gateway : keepServing)
                         ? Gateway.start(context, state.resolve("gateway"), env::get) : null) {
                long t0 = System.nanoTime();
                pipeline.awaitRunning(Duration.ofSeconds(120), states -> progress.update(
                        String.format("starting the streams (%.0f s): ", (System.nanoTime() - t0) / 1e9), startingState(states)));
                progress.finish(String.format("streams running after %.1f s", (System.nanoTime() - t0) / 1e9));
                if (board != null) {
                    board.portNote().ifPresent(out::println);
                    out.println("live dashboard: " + board.url() + "  (Prometheus metrics at " + board.url() + "metrics)");
                }
                if (front != null) {
                    front.awaitRunning(Duration.ofSeconds(120));
                    out.println("gateway: " + front.url() + "  (OpenAI base URL " + front.url() + "v1, model \"divconq\")");
                }
                Set<String> ids = loaded.problems().stream().map(Problem::getId).collect(Collectors.toSet());
                try (RunMonitor monitor = new RunMonitor(context, ids)) {
                    try {
                        ProblemProducer.send(context, loaded.problems());
                    } catch (ProblemProducer.ProblemsNotSentException e) {
                        System.err.println("run: " + e.getMessage());
                        return 1;
                    }
                    out.printf("%d problems %s sent to %s; arms %s%n", loaded.problems().size(), loaded.perDataset(), context.topics().problems().name(),
                            config.experiment().arms().stream().map(a -> a.name() + "=" + a.model() + " (" + a.weight() + ")").toList());
                    if (!await(monitor, pipeline, ids.size(), start, progress)) return 1;
                    RunReport report = new RunReport(loaded.problems().size(), monitor.scores().size(), monitor.deadLetters().size(),
                            simulate, (System.nanoTime() - start) / 1e9, config.prices().version(), new TreeMap<>(monitor.armStats()),
                            monitor.experiment().orElse(null));
                    out.println();
                    out.print(report.table());
                    if (reportJson != null) {
                        report.writeJson(reportJson);
                        out.println("report written to " + reportJson);
                    }
                    monitor.experiment().ifPresent(r -> RolloutTimeline.print(r, out));
                    if (exportSft != null && !exportTrainingData(context, monitor)) return 1;
                    if (keepServing) {
                        out.println("still serving" + (board == null ? "" : " the dashboard at " + board.url())
                                + (front == null ? "" : " and the gateway at " + front.url()) + "; Ctrl-C to stop");
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

    /** The run's SD-T and SD-R files, once distill-examples holds the outcome of every finished problem. */
    private boolean exportTrainingData(DivconqContext context, RunMonitor monitor) throws Exception {
        ClusterExport export = new ClusterExport(context);
        var snapshot = export.awaitRun(monitor.scores().values(), monitor.deadLetters().values(), Duration.ofSeconds(60));
        if (snapshot.isEmpty()) {
            out.println("distill-examples did not catch up with the run within 60 s; no training files written");
            return false;
        }
        ClusterExport.write(snapshot.get(), ExportRequest.of(Set.of(ExportMode.SDT, ExportMode.SDR), context.config().experiment().control()),
                exportSft, out);
        return true;
    }

    private boolean await(RunMonitor monitor, Pipeline pipeline, int expected, long start, ProgressLine progress) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            monitor.poll(Duration.ofMillis(200));
            String counts = String.format("scored %d/%d  dead-lettered %d", monitor.scores().size(), expected, monitor.deadLetters().size());
            String elapsed = String.format("  %5.1f s  ", (System.nanoTime() - start) / 1e9);
            if (monitor.finished() == expected && monitor.armStatsCaughtUp()) {
                progress.finish(elapsed, counts);
                return true;
            }
            progress.update(elapsed, counts + (monitor.finished() == expected ? "  (waiting for the totals)" : ""));
            if (!pipeline.failed().isEmpty()) {
                progress.finish(elapsed, counts);
                out.println("pipeline stream(s) failed: " + pipeline.failed() + "; see the log");
                return false;
            }
        }
        progress.finish("");
        out.printf("timed out after %d s with %d of %d problems finished%n", timeoutSeconds, monitor.finished(), expected);
        return false;
    }

    /** "2 of 4 running; scorer, distill REBALANCING": short enough for one terminal line. */
    static String startingState(Map<String, String> states) {
        long running = states.values().stream().filter("RUNNING"::equals).count();
        Map<String, List<String>> others = new TreeMap<>();
        states.forEach((stream, state) -> {
            if (!"RUNNING".equals(state)) others.computeIfAbsent(state, k -> new ArrayList<>()).add(stream);
        });
        StringBuilder sb = new StringBuilder(running + " of " + states.size() + " running");
        others.forEach((state, streams) -> sb.append("; ").append(String.join(", ", streams)).append(' ').append(state));
        return sb.toString();
    }
}
