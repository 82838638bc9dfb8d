package io.divconq.launcher;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.dashboard.PrometheusMetrics;
import io.divconq.gateway.Gateway;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the HTTP front door (OpenAI-compatible and native answers) against a running pipeline until stopped. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Serve POST /v1/chat/completions, POST /v1/answers and GET /v1/answers/{id} over the pipeline's topics.")
public final class GatewayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: gateway.port in the config, 8090).")
    Integer port;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Results-table state; keep it across restarts. Default: ${DEFAULT-VALUE}.")
    Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "divconq-gateway");

    @Override
    public Integer call() throws Exception {
        options.requireBootstrapServers();
        DivconqConfig config = withPort(options.build(System.getenv()), port);
        DivconqContext context = DivconqContext.create(config, options.bootstrapServers, System::getenv,
                PrometheusMetrics.create());
        TopicAdmin.ensureTopics(context);
        Files.createDirectories(stateDir);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Gateway gateway = Gateway.start(context, stateDir, System::getenv)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "divconq-shutdown"));
            gateway.awaitRunning(Duration.ofMinutes(5));
            System.out.println("gateway: " + gateway.url() + "  (OpenAI base URL " + gateway.url() + "v1)");
            stopped.await();
        }
        return 0;
    }

    /** The configuration with the gateway's port replaced, when one was given on the command line. */
    static DivconqConfig withPort(DivconqConfig config, Integer port) {
        if (port == null) return config;
        return new DivconqConfig(config.topics(), config.schemaRegistry(), config.endpoints(), config.decomposer(), config.solver(),
                config.experiment(), config.prices(), config.streams(), config.gateway().withPort(port));
    }
}
