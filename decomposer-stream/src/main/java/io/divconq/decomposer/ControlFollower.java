package io.divconq.decomposer;

import io.divconq.avro.ExperimentControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the experiment-control topic from its beginning and applies every weight change, in order, to the live
 * weights: the whole history on start (before problems are assigned), then each change as it arrives.
 */
public final class ControlFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<ExperimentControl> deserializer;
    private final ExperimentWeights weights;
    private final Thread thread;
    private volatile boolean running = true;

    private ControlFollower(KafkaConsumer<String, byte[]> consumer, Deserializer<ExperimentControl> deserializer,
                            ExperimentWeights weights) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.weights = weights;
        this.thread = new Thread(this::follow, "divconq-control-follower");
        this.thread.setDaemon(true);
    }

    /** Replays the topic's history into the weights, then keeps following it in the background. */
    public static ControlFollower start(String bootstrapServers, String topic, Deserializer<ExperimentControl> deserializer,
                                        ExperimentWeights weights, Duration catchUpTimeout) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        ControlFollower follower = new ControlFollower(consumer, deserializer, weights);
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (consumer.position(tp) < end && System.nanoTime() < deadline) {
            follower.applyBatch(Duration.ofMillis(100));
        }
        if (consumer.position(tp) < end) log.warn("experiment-control not fully replayed within {}", catchUpTimeout);
        follower.thread.start();
        return follower;
    }

    private void follow() {
        try {
            while (running) applyBatch(Duration.ofMillis(500));
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("experiment-control follower stopped: weight changes will not apply until restart", e);
        } finally {
            consumer.close();
        }
    }

    private void applyBatch(Duration timeout) {
        consumer.poll(timeout).forEach(r -> {
            try {
                weights.apply(deserializer.deserialize(r.topic(), r.value()));
            } catch (RuntimeException e) {
                log.warn("ignoring unreadable experiment-control record at offset {}: {}", r.offset(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
