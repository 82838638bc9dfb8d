package io.divconq.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.context.DivconqContext;
import io.divconq.launcher.input.ProblemFile;
import io.divconq.launcher.input.ProblemProducer;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.launcher.report.RunMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;

/**
 * The compose stack in containers on the host network: three brokers, divconq's registry, the simulator knowing
 * GSM8K's answers, and named stream containers that tests start, kill, pause and replace.
 */
final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);

    final KafkaCluster kafka;
    final String registryUrl;
    private final GenericContainer<?> registry;
    private final GenericContainer<?> simulator;
    private final String llmUrl;
    private final Map<String, GenericContainer<?>> streams = new LinkedHashMap<>();
    private DivconqContext context;

    /** Starts brokers, registry and simulator; the simulator answers after about {@code latencyMs}. */
    Stack(long latencyMs) throws IOException {
        Path gsm8k = gsm8kDir();
        int registryPort = FreePorts.next();
        int simulatorPort = FreePorts.next();
        Path simConfig = Files.createTempFile("simulator", ".yaml");
        Files.writeString(simConfig, "defaultProfile: {latencyMedianMs: %d}\nmodels:\n".formatted(latencyMs)
                + List.of("sim-teacher", "sim-student", "sim-solver").stream()
                .map(m -> "  %s: {latencyMedianMs: %d}\n".formatted(m, latencyMs)).collect(Collectors.joining()));
        kafka = new KafkaCluster();
        registry = divconq(Images.DIVCONQ, "registry")
                .withCommand("registry", "--host", "127.0.0.1", "--port", String.valueOf(registryPort))
                .waitingFor(Wait.forLogMessage(".*schema registry .* on .*", 1));
        simulator = divconq(Images.DIVCONQ, "simulator")
                .withCopyFileToContainer(MountableFile.forHostPath(gsm8k.resolve("test.jsonl")), "/data/test.jsonl")
                .withCopyFileToContainer(MountableFile.forHostPath(gsm8k.resolve("test_socratic.jsonl")), "/data/test_socratic.jsonl")
                .withCopyFileToContainer(MountableFile.forHostPath(simConfig), "/data/simulator.yaml")
                .withCommand("simulator", "--host", "127.0.0.1", "--port", String.valueOf(simulatorPort), "--config", "/data/simulator.yaml",
                        "--problems", "/data/test.jsonl", "--problems", "/data/test_socratic.jsonl")
                .waitingFor(Wait.forLogMessage(".*model simulator .* on .*", 1));
        registryUrl = "http://127.0.0.1:" + registryPort;
        llmUrl = "http://127.0.0.1:" + simulatorPort + "/v1";
        Startables.deepStart(registry, simulator).join();
        kafka.start();
        context = DivconqContext.create(ConfigLoader.defaults().applyEnvironment(environment()).build(),
                kafka.bootstrapServers(), System::getenv);
        TopicAdmin.ensureTopics(context);
    }

    /** The view of the pipeline a client has: topics, serdes, registry. */
    DivconqContext context() {
        return context;
    }

    /** Starts stream containers in parallel, e.g. {@code streams(Images.DIVCONQ, "decomposer", "solver-1", "scorer")}. */
    void startStreams(String image, String... names) {
        List<GenericContainer<?>> started = new ArrayList<>();
        for (String name : names) {
            String kind = name.replaceFirst("-\\d+$", "");
            GenericContainer<?> c = divconq(image, name)
                    .withEnv(environment())
                    .withEnv("DIVCONQ_JAVA_OPTS", "-Xmx256m " + Images.SHORT_LIVED_JVM)
                    .withCommand(command(kind))
                    .waitingFor(Wait.forLogMessage(".*running \\{.*", 1).withStartupTimeout(Duration.ofMinutes(4)));
            streams.put(name, c);
            started.add(c);
        }
        Startables.deepStart(started).join();
    }

    private String[] command(String kind) {
        List<String> args = new ArrayList<>(List.of(kind, "--bootstrap-servers", kafka.bootstrapServers(), "--state-dir", "/tmp/divconq-state"));
        if (kind.equals("scorer")) args.add("--no-dashboard");
        return args.toArray(String[]::new);
    }

    /** SIGKILL: the instance dies with its transaction open. */
    void kill(String stream) {
        DockerClientFactory.instance().client().killContainerCmd(stream(stream).getContainerId()).withSignal("KILL").exec();
    }

    /** SIGTERM and up to 60 s for a clean shutdown (a rolling upgrade), then the container is removed. */
    void stopGracefully(String stream) {
        GenericContainer<?> c = streams.remove(stream);
        DockerClientFactory.instance().client().stopContainerCmd(c.getContainerId()).withTimeout(60).exec();
        c.stop();
    }

    void pause(String stream) {
        DockerClientFactory.instance().client().pauseContainerCmd(stream(stream).getContainerId()).exec();
    }

    void unpause(String stream) {
        DockerClientFactory.instance().client().unpauseContainerCmd(stream(stream).getContainerId()).exec();
    }

    /** The first {@code n} GSM8K test problems. */
    List<Problem> gsm8k(int n) throws IOException {
        return ProblemFile.read(gsm8kDir().resolve("test.jsonl"), n).problems();
    }

    /** Sends the problems in chunks of {@code chunk}, one chunk per {@code every}, on a thread of its own. */
    Feeder feed(List<Problem> problems, int chunk, Duration every) {
        return new Feeder(problems, chunk, every);
    }

    /**
     * Waits until every problem is scored or dead-lettered, then keeps reading for {@code settle} so a late
     * duplicate would show; asserts one committed score per problem, no dead letter, no duplicate.
     */
    void assertEachScoredExactlyOnce(List<Problem> problems, Duration timeout, Duration settle) {
        Set<String> ids = problems.stream().map(Problem::getId).collect(Collectors.toSet());
        try (RunMonitor monitor = new RunMonitor(context, ids)) {
            await("all " + ids.size() + " problems scored").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        monitor.poll(Duration.ofMillis(300));
                        return monitor.finished() >= ids.size();
                    });
            await().pollDelay(settle).atMost(settle.plusSeconds(30)).until(() -> {
                monitor.poll(Duration.ofMillis(300));
                return true;
            });
            log.info("scored {}, dead-lettered {}, duplicate scores {}", monitor.scores().size(), monitor.deadLetters().size(),
                    monitor.duplicateScores());
            assertThat(monitor.deadLetters()).as("dead letters").isEmpty();
            assertThat(monitor.scores().keySet()).as("problems scored").isEqualTo(ids);
            assertThat(monitor.duplicateScores()).as("problems scored more than once").isZero();
        }
    }

    private Map<String, String> environment() {
        return Map.of(ConfigLoader.LLM_URL_ENV, llmUrl,
                ConfigLoader.SCHEMA_REGISTRY_URL_ENV, registryUrl,
                ConfigLoader.REPLICATION_FACTOR_ENV, String.valueOf(KafkaCluster.SIZE));
    }

    private static GenericContainer<?> divconq(String image, String name) {
        return new GenericContainer<>(Images.name(image))
                .withImagePullPolicy(Images.NEVER_PULL)
                .withNetworkMode("host")
                .withEnv("DIVCONQ_JAVA_OPTS", "-Xmx128m " + Images.SHORT_LIVED_JVM)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)).withSeparateOutputStreams());
    }

    private GenericContainer<?> stream(String name) {
        GenericContainer<?> c = streams.get(name);
        if (c == null) throw new IllegalArgumentException("no stream container " + name + " in " + streams.keySet());
        return c;
    }

    /** GSM8K beside the checkout (../shared) or where DIVCONQ_SHARED_DIR points; the suite is skipped without it. */
    private static Path gsm8kDir() {
        String dir = System.getenv().getOrDefault("DIVCONQ_SHARED_DIR", System.getProperty("divconq.shared.dir", "../../shared"));
        Path p = Path.of(dir, "data", "gsm8k");
        assumeTrue(Files.isReadable(p.resolve("test.jsonl")), "GSM8K data not found at " + p.toAbsolutePath());
        return p;
    }

    @Override
    public void close() {
        streams.values().forEach(GenericContainer::stop);
        simulator.stop();
        registry.stop();
        kafka.close();
    }

    /** Problems sent at a steady pace in the background, so failures happen under load. */
    final class Feeder implements AutoCloseable {
        private final AtomicInteger sent = new AtomicInteger();
        private final Thread thread;
        private volatile RuntimeException failure;

        private Feeder(List<Problem> problems, int chunk, Duration every) {
            thread = new Thread(() -> {
                try {
                    for (int i = 0; i < problems.size(); i += chunk) {
                        List<Problem> part = problems.subList(i, Math.min(problems.size(), i + chunk));
                        ProblemProducer.send(context, part);
                        sent.addAndGet(part.size());
                        Thread.sleep(every.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, "feeder");
            thread.setDaemon(true);
            thread.start();
        }

        int sent() {
            return sent.get();
        }

        /** Waits for the last chunk to be acknowledged by the cluster. */
        void awaitSent(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (failure != null) throw failure;
            assertThat(thread.isAlive()).as("feeder still sending after " + timeout).isFalse();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
