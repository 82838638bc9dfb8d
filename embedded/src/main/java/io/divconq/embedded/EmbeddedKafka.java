package io.divconq.embedded;

import io.divconq.common.files.TempDirectory;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined controller and broker) inside this JVM, from the Kafka jars.
 * Each start formats a fresh cluster in its own directory, removed again on close.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaClusterTestKit cluster;
    private final TempDirectory baseDir;

    private EmbeddedKafka(KafkaClusterTestKit cluster, TempDirectory baseDir) {
        this.cluster = cluster;
        this.baseDir = baseDir;
    }

    /** Starts a broker on random loopback ports and waits until it accepts clients. */
    public static EmbeddedKafka start() {
        long t0 = System.nanoTime();
        TempDirectory dir = null;
        try {
            dir = TempDirectory.create("divconq-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir.path())
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    // One node: internal topics cannot have more replicas than that, or consumers and EOS stall.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("transaction.max.timeout.ms", "900000")
                    .setConfigProp("log.flush.interval.messages", Long.toString(Long.MAX_VALUE))
                    .setDeleteOnClose(false)
                    .build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            log.info("embedded Kafka (KRaft, 1 node) ready at {} in {} ms", cluster.bootstrapServers(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new EmbeddedKafka(cluster, dir);
        } catch (Exception e) {
            if (dir != null) dir.close();
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** format() prints its metadata to System.out; keep the launcher's output to what users need. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(out);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("embedded Kafka did not close cleanly: {}", e.toString());
        } finally {
            baseDir.close();
        }
    }
}
