package io.divconq.distill.stream;

import io.divconq.avro.DistillExample;
import io.divconq.common.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the start to its current end (committed records only): distill-examples, experiment-control. */
public final class TopicSnapshot {

    private TopicSnapshot() {
    }

    /** The latest distill example per key, and how many records did not decode (skipped). */
    public record Snapshot(Map<String, DistillExample> latest, int undecodable) {
        public List<DistillExample> examples() {
            return List.copyOf(latest.values());
        }
    }

    /** Every record of a topic in offset order (per partition), and how many did not decode. */
    public record Records<V>(List<Map.Entry<String, V>> records, int undecodable) {
    }

    public static Snapshot examples(String bootstrapServers, Topic<DistillExample> source, Duration timeout) {
        Records<DistillExample> all = readAll(bootstrapServers, source, timeout);
        Map<String, DistillExample> latest = new LinkedHashMap<>();
        for (Map.Entry<String, DistillExample> r : all.records()) {
            if (r.getValue() == null) latest.remove(r.getKey());
            else latest.put(r.getKey(), r.getValue());
        }
        return new Snapshot(latest, all.undecodable());
    }

    public static <V> Records<V> readAll(String bootstrapServers, Topic<V> source, Duration timeout) {
        String topic = source.name();
        List<Map.Entry<String, V>> out = new ArrayList<>();
        int undecodable = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(r.key(), r.value() == null ? null : source.decode(r.value())));
                    } catch (RuntimeException e) {
                        undecodable++;
                    }
                }
            }
        }
        return new Records<>(out, undecodable);
    }
}
