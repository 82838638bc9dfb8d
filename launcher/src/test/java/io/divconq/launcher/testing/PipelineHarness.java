package io.divconq.launcher.testing;

import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import io.divconq.common.files.TempDirectory;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.embedded.LocalServices;
import io.divconq.launcher.input.ProblemFile;
import io.divconq.launcher.input.ProblemProducer;
import io.divconq.launcher.pipeline.Pipeline;
import io.divconq.launcher.pipeline.PipelineStream;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A pipeline on the shared real broker, with its own in-process registry, model simulator and topic prefix:
 * the same parts the embedded default runs, assembled for a test.
 */
public final class PipelineHarness implements AutoCloseable {

    public final LocalServices local = new LocalServices();
    public final String bootstrap = SharedKafka.bootstrapServers();
    public final DivconqConfig config;
    public final DivconqContext context;
    public final TopicCatalog topics;
    private final TempDirectory state = TempDirectory.create("divconq-it-");
    public final Path stateDir = state.path();
    /** Proxies in front of the model simulator and the registry, for fault injection (null unless asked for). */
    public final FlakyHttpProxy llmProxy;
    public final FlakyHttpProxy registryProxy;
    private Pipeline pipeline;

    public PipelineHarness(SimulatorConfig simulator, List<Path> knownProblems, UnaryOperator<ConfigLoader> tweak) throws Exception {
        this(simulator, knownProblems, tweak, false);
    }

    /** With {@code proxied}, the pipeline reaches the simulator and the registry through {@link FlakyHttpProxy}s. */
    public PipelineHarness(SimulatorConfig simulator, List<Path> knownProblems, UnaryOperator<ConfigLoader> tweak,
                           boolean proxied) throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String registryUrl = local.startRegistry().url();
        String llmUrl = local.startSimulator(simulator, knownProblems).baseUrl();
        llmProxy = proxied ? FlakyHttpProxy.to(llmUrl) : null;
        registryProxy = proxied ? FlakyHttpProxy.to(registryUrl) : null;
        ConfigLoader loader = ConfigLoader.defaults().topicPrefix(prefix)
                .schemaRegistryUrl(proxied ? registryProxy.url(registryUrl) : registryUrl)
                .llmUrl(proxied ? llmProxy.url(llmUrl) : llmUrl)
                .edit(t -> {
                    t.withObjectProperty("topics").put("partitions", 3);
                    return t;
                });
        config = tweak.apply(loader).build();
        context = DivconqContext.create(config, bootstrap, name -> null);
        topics = context.topics();
        TopicAdmin.ensureTopics(context);
    }

    public Pipeline start() throws InterruptedException {
        return start(new SimpleMeterRegistry());
    }

    public Pipeline start(io.micrometer.core.instrument.MeterRegistry meters) throws InterruptedException {
        pipeline = startAsAnotherProcess(meters);
        pipeline.awaitRunning(Duration.ofSeconds(60));
        return pipeline;
    }

    /**
     * Starts the pipeline with its own registry client (empty caches), as a separate process would; returns as soon
     * as the streams are started (they may still be waiting for the registry).
     */
    public Pipeline startAsAnotherProcess(io.micrometer.core.instrument.MeterRegistry meters) {
        pipeline = Pipeline.start(DivconqContext.create(config, bootstrap, name -> null, meters),
                new Pipeline.Options(EnumSet.allOf(PipelineStream.class), stateDir, false));
        return pipeline;
    }

    public List<Problem> load(Path file, int limit) throws Exception {
        return ProblemFile.read(file, limit).problems();
    }

    /** Sends problems as {@code run} and {@code produce} do (failing the test if any could not be written). */
    public void produce(List<Problem> problems) {
        ProblemProducer.send(context, problems);
    }

    public void produceRaw(String topic, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    public RunMonitor monitor(List<Problem> problems) {
        Set<String> ids = problems.stream().map(Problem::getId).collect(Collectors.toSet());
        return new RunMonitor(context, ids);
    }

    /** Polls until every problem is scored or dead-lettered and arm-stats caught up; false if the timeout passes. */
    public static boolean awaitFinished(RunMonitor monitor, int expected, Duration timeout) {
        try {
            // The monitor's consumer is not thread-safe: poll it on this thread.
            Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                monitor.poll(Duration.ofMillis(200));
                return monitor.finished() >= expected && monitor.armStatsCaughtUp();
            });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (pipeline != null) pipeline.close();
        if (llmProxy != null) llmProxy.close();
        if (registryProxy != null) registryProxy.close();
        local.close();
        state.close();
    }
}
