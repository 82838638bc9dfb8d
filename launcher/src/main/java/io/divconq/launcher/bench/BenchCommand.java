package io.divconq.launcher.bench;

import io.divconq.bench.Bench;
import io.divconq.bench.PipelineUnderTest;
import io.divconq.common.context.DivconqContext;
import io.divconq.launcher.pipeline.Pipeline;
import io.divconq.launcher.pipeline.PipelineStream;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.llm.ModelEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code divconq bench}: the bench module's benchmark, measuring this launcher's pipeline (all three streams). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure end-to-end throughput against the simulator at latency L and max-in-flight C, vs the blocking baseline.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--latency-ms", description = "Simulated model latency L (fixed). Default: ${DEFAULT-VALUE}.")
    long latencyMs = 200;

    @Option(names = "--max-in-flight", description = "In-flight limit C per endpoint. Default: ${DEFAULT-VALUE}.")
    int maxInFlight = 128;

    @Option(names = "--seconds", description = "Measured duration of the async run. Default: ${DEFAULT-VALUE}.")
    long seconds = 60;

    @Option(names = "--warmup-seconds", description = "Unmeasured warm-up (JIT, connections) before the async run. Default: ${DEFAULT-VALUE}.")
    long warmupSeconds = 30;

    @Option(names = "--baseline-seconds", description = "Measured duration of the blocking baseline (0 = skip). Default: ${DEFAULT-VALUE}.")
    long baselineSeconds = 20;

    @Option(names = "--outstanding", description = "Problems the load generator keeps in the pipeline (default: 4 x C, or 16 x C at L=0).")
    Integer outstanding;

    @Option(names = "--via", paramLabel = "kafka|gateway",
            description = "kafka: clients write problems and read scores; gateway: also measure HTTP clients through the gateway, side by side. Default: ${DEFAULT-VALUE}.")
    String via = "kafka";

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the numbers as JSON.")
    Path reportJson;

    @Override
    public Integer call() throws Exception {
        return Bench.run(new Bench.Options(latencyMs, maxInFlight, seconds, warmupSeconds, baselineSeconds, outstanding, via,
                reportJson), BenchCommand::start, System.out);
    }

    /** The pipeline as {@code divconq run} starts it: topics created, all three streams. */
    private static PipelineUnderTest.Running start(DivconqContext context, Path stateDir,
                                                   boolean blocking) {
        TopicAdmin.ensureTopics(context);
        Pipeline pipeline = Pipeline.start(context, new Pipeline.Options(EnumSet.allOf(PipelineStream.class), stateDir, blocking));
        return new PipelineUnderTest.Running() {
            @Override
            public void awaitRunning(Duration timeout) throws InterruptedException {
                pipeline.awaitRunning(timeout);
            }

            @Override
            public Collection<ModelEndpoint> endpoints() {
                return pipeline.router().endpoints().values();
            }

            @Override
            public void close() {
                pipeline.close();
            }
        };
    }
}
