package io.divconq.launcher.dlq;

import io.divconq.avro.DeadLetter;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.Topic;
import io.divconq.common.kafka.Consumers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The dead-letter topic as committed right now, each letter with where it sits, and which were replayed already. */
public record DeadLetterLog(List<Entry> letters, Set<String> replayed) {

    /** One dead letter and its coordinates in the dlq. */
    public record Entry(int partition, long offset, DeadLetter letter) {
        /** The key of its replay marker. */
        public String id() {
            return partition + ":" + offset;
        }
    }

    /** Reads the whole dlq and the replay markers up to their current ends (read_committed). */
    public static DeadLetterLog read(DivconqContext context) {
        List<Entry> letters = new ArrayList<>();
        readAll(context, context.topics().deadLetters(), (r, v) -> {
            if (v != null) letters.add(new Entry(r.partition(), r.offset(), v));
        });
        Set<String> replayed = new HashSet<>();
        readAll(context, context.topics().dlqReplays(), (r, v) -> replayed.add(r.key()));
        return new DeadLetterLog(letters, replayed);
    }

    /** Records of a topic from its beginning to its end; records that do not decode are passed as null values. */
    static <V> void readAll(DivconqContext context, Topic<V> topic, BiConsumer<ConsumerRecord<String, byte[]>, V> each) {
        try (KafkaConsumer<String, byte[]> consumer = Consumers.committedFromStart(context.bootstrapServers(), "dlq-tool")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    V value;
                    try {
                        value = r.value() == null ? null : topic.decode(r.value());
                    } catch (RuntimeException e) {
                        value = null;
                    }
                    each.accept(r, value);
                }
            }
        }
    }
}
