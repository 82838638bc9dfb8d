package io.divconq.decomposer;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.kafka.TopicFollower;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the experiment-control topic from its beginning and applies every weight change, in order, to the live
 * weights: the whole history on start (before problems are assigned), then each change as it arrives.
 */
public final class ControlFollower {

    private static final Logger log = LoggerFactory.getLogger(ControlFollower.class);

    private ControlFollower() {
    }

    /** Replays the topic's history into the weights, then keeps following it in the background until closed. */
    public static AutoCloseable start(String bootstrapServers, String topic, Deserializer<ExperimentControl> deserializer,
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
        TopicFollower follower = new TopicFollower("divconq-control-follower", consumer,
                r -> weights.apply(deserializer.deserialize(r.topic(), r.value())));
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (consumer.position(tp) < end && System.nanoTime() < deadline) {
            follower.pollOnce(Duration.ofMillis(100));
        }
        if (consumer.position(tp) < end) log.warn("experiment-control not fully replayed within {}", catchUpTimeout);
        return follower.start();
    }
}
