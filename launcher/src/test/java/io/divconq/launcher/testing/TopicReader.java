package io.divconq.launcher.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic's committed records (read_committed), as a downstream consumer would. */
public final class TopicReader {

    private TopicReader() {
    }

    /** How many committed records each key has, reading until nothing new arrives for {@code quiet}. */
    public static Map<String, Integer> countByKey(String bootstrap, String topic, Duration quiet) {
        Map<String, Integer> counts = new HashMap<>();
        forEach(bootstrap, topic, quiet, (key, value) -> counts.merge(key, 1, Integer::sum));
        return counts;
    }

    public static void forEach(String bootstrap, String topic, Duration quiet,
                               java.util.function.BiConsumer<String, byte[]> action) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long lastNew = System.currentTimeMillis();
            boolean any = false;
            while (System.currentTimeMillis() - lastNew < quiet.toMillis() || !any && System.currentTimeMillis() - lastNew < 10_000) {
                var records = c.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    any = true;
                    lastNew = System.currentTimeMillis();
                }
                records.forEach(r -> action.accept(r.key(), r.value()));
            }
        }
    }
}
