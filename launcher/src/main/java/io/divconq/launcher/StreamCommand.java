package io.divconq.launcher;

import io.divconq.common.context.DivconqContext;
import io.divconq.dashboard.Dashboard;
import io.divconq.dashboard.PrometheusMetrics;
import io.divconq.launcher.health.HealthServer;
import io.divconq.launcher.pipeline.Pipeline;
import io.divconq.launcher.pipeline.PipelineStream;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one stream (or all three) against existing Kafka, registry and model endpoints until stopped: production. */
public abstract class StreamCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory; keep it across restarts. Default: ${DEFAULT-VALUE}.")
    Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "divconq-streams");

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create missing topics at start. Default: ${DEFAULT-VALUE}.")
    boolean createTopics;

    @Option(names = "--health-port", paramLabel = "PORT",
            description = "Serve GET /health (200 while every stream is RUNNING or REBALANCING) on this port; off when not given.")
    Integer healthPort;

    @Option(names = "--health-host", paramLabel = "HOST", description = "Address of the health endpoint. Default: ${DEFAULT-VALUE}.")
    String healthHost = "0.0.0.0";

    abstract Set<PipelineStream> streams();

    /** Model options, for the streams that call models (the scorer does not). */
    ModelOptions models() {
        return new ModelOptions();
    }

    /** Dashboard options, for the streams that serve it (those with the scorer). */
    DashboardOptions dashboard() {
        DashboardOptions none = new DashboardOptions();
        none.enabled = false;
        return none;
    }

    @Override
    public Integer call() throws Exception {
        options.requireBootstrapServers();
        PrometheusMeterRegistry metrics = PrometheusMetrics.create();
        DivconqContext context = DivconqContext.create(models().applyTo(options.loader(System.getenv())).build(), options.bootstrapServers, System::getenv, metrics);
        String unreachable = io.divconq.launcher.preflight.Preflight.report(io.divconq.launcher.preflight.Preflight.unreachable(context.config()));
        if (unreachable != null) {
            System.err.println(unreachable + " — the streams start anyway and wait for them");
        }
        if (createTopics) TopicAdmin.ensureTopics(context);
        Files.createDirectories(stateDir);
        CountDownLatch stopped = new CountDownLatch(1);
        DashboardOptions dashboard = dashboard();
        boolean serveDashboard = dashboard.enabled;
        try (Pipeline pipeline = Pipeline.start(context, new Pipeline.Options(streams(), stateDir, false));
             Dashboard board = serveDashboard ? Dashboard.start(context, metrics, dashboard.host, dashboard.port) : null;
             HealthServer health = healthPort == null ? null : HealthServer.start(healthHost, healthPort, pipeline::states)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "divconq-shutdown"));
            pipeline.awaitRunning(Duration.ofMinutes(5));
            if (board != null) board.portNote().ifPresent(System.out::println);
            System.out.println("running " + pipeline.states() + " against " + options.bootstrapServers
                    + (board == null ? "" : "; dashboard at " + board.url()));
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (!pipeline.failed().isEmpty()) {
                    System.err.println("stream(s) failed: " + pipeline.failed());
                    return 1;
                }
            }
        }
        return 0;
    }

    @Command(name = "decomposer", mixinStandardHelpOptions = true, description = "Run the decomposer stream: problems → decompositions.")
    public static final class Decomposer extends StreamCommand {
        @Mixin
        ModelOptions models;

        @Override
        ModelOptions models() {
            return models;
        }

        @Override
        Set<PipelineStream> streams() {
            return EnumSet.of(PipelineStream.DECOMPOSER);
        }
    }

    @Command(name = "solver", mixinStandardHelpOptions = true, description = "Run the solver stream: decompositions → solutions.")
    public static final class Solver extends StreamCommand {
        @Mixin
        ModelOptions models;

        @Override
        ModelOptions models() {
            return models;
        }

        @Override
        Set<PipelineStream> streams() {
            return EnumSet.of(PipelineStream.SOLVER);
        }
    }

    @Command(name = "scorer", mixinStandardHelpOptions = true, description = "Run the scorer stream: solutions → scores, arm-stats.")
    public static final class Scorer extends StreamCommand {
        @Mixin
        DashboardOptions dashboard;

        @Override
        DashboardOptions dashboard() {
            return dashboard;
        }

        @Override
        Set<PipelineStream> streams() {
            return EnumSet.of(PipelineStream.SCORER);
        }
    }

    @Command(name = "distill", mixinStandardHelpOptions = true,
            description = "Run the distill stream: solutions, scores, feedback and dead letters → distill-examples.")
    public static final class Distill extends StreamCommand {
        @Override
        Set<PipelineStream> streams() {
            return EnumSet.of(PipelineStream.DISTILL);
        }
    }

    @Command(name = "streams", mixinStandardHelpOptions = true, description = "Run every stream in one process.")
    public static final class All extends StreamCommand {
        @Mixin
        ModelOptions models;

        @Mixin
        DashboardOptions dashboard;

        @Override
        ModelOptions models() {
            return models;
        }

        @Override
        DashboardOptions dashboard() {
            return dashboard;
        }

        @Override
        Set<PipelineStream> streams() {
            return EnumSet.allOf(PipelineStream.class);
        }
    }
}
