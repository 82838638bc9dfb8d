package io.divconq.containers;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * Three combined broker/controller KRaft nodes from {@link Images#KAFKA}, with docker-compose.yml's settings, on the
 * host network at free 127.0.0.1 ports. Brokers can be SIGKILLed and started again with their data.
 */
final class KafkaCluster implements AutoCloseable {

    static final int SIZE = 3;

    private final List<GenericContainer<?>> brokers = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();

    KafkaCluster() {
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            brokerPorts.add(FreePorts.next());
            controllerPorts.add(FreePorts.next());
        }
        String voters = IntStream.range(0, SIZE).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < SIZE; i++) {
            GenericContainer<?> broker = new GenericContainer<>(Images.name(Images.KAFKA))
                    .withImagePullPolicy(Images.NEVER_PULL)
                    .withNetworkMode("host")
                    .withEnv(ComposeFile.kafkaEnvironment())
                    .withEnv("CLUSTER_ID", clusterId)
                    .withEnv("KAFKA_NODE_ID", String.valueOf(i + 1))
                    .withEnv("KAFKA_LISTENERS", "INTERNAL://127.0.0.1:" + brokerPorts.get(i) + ",CONTROLLER://127.0.0.1:" + controllerPorts.get(i))
                    .withEnv("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://127.0.0.1:" + brokerPorts.get(i))
                    .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms128m")
                    .withEnv("KAFKA_JVM_PERFORMANCE_OPTS", Images.SHORT_LIVED_JVM)
                    .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(4)));
            brokers.add(broker);
        }
    }

    KafkaCluster start() {
        Startables.deepStart(brokers).join();
        return this;
    }

    String bootstrapServers() {
        return brokerPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** SIGKILL of broker {@code nodeId} (1-based): no shutdown, no flush, as when its machine dies. */
    void kill(int nodeId) {
        DockerClientFactory.instance().client().killContainerCmd(broker(nodeId).getContainerId()).withSignal("KILL").exec();
    }

    /** Starts a killed broker again on its old data and waits until it is back in every partition's ISR. */
    void restart(int nodeId, List<String> topics) {
        DockerClientFactory.instance().client().startContainerCmd(broker(nodeId).getContainerId()).exec();
        broker(nodeId).followOutput(new Slf4jLogConsumer(LoggerFactory.getLogger("container.kafka-" + nodeId)));
        awaitFullyReplicated(topics, Duration.ofMinutes(5));
    }

    /** The node id leading partition {@code partition} of {@code topic}. */
    int leaderOf(String topic, int partition) {
        return describe(List.of(topic)).get(topic).partitions().get(partition).leader().id();
    }

    void awaitFullyReplicated(List<String> topics, Duration timeout) {
        try {
            await("every partition of " + topics + " in sync on " + SIZE + " brokers").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> underReplicated(topics).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("still under-replicated after " + timeout + ": " + underReplicated(topics), e);
        }
    }

    /** "topic-partition isr=[...]" of every partition with fewer than {@link #SIZE} in-sync replicas. */
    private List<String> underReplicated(List<String> topics) {
        List<String> out = new ArrayList<>();
        describe(topics).forEach((topic, d) -> d.partitions().stream().filter(p -> p.isr().size() < SIZE)
                .forEach(p -> out.add(topic + "-" + p.partition() + " isr=" + p.isr().stream().map(n -> n.id()).toList())));
        return out;
    }

    private Map<String, TopicDescription> describe(List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            return admin.describeTopics(topics).allTopicNames().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getCause(), e);
        }
    }

    private GenericContainer<?> broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    @Override
    public void close() {
        brokers.forEach(GenericContainer::stop);
    }
}
