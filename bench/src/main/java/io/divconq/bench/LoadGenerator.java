package io.divconq.bench;

import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.common.kafka.Consumers;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps a fixed number of problems outstanding (sent, not yet scored) and reads the committed scores back, as a
 * client of the pipeline would: enough work to keep every model endpoint full, without an unbounded backlog.
 */
final class LoadGenerator implements Load {

    private final KafkaProducer<String, Problem> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicCatalog topics;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "bench-" + runId + "-";
    private long sent;
    private long finished;
    private long duplicates;
    /** Problem numbers already scored or dead-lettered: bench ids end in their sequence number. */
    private final BitSet seen = new BitSet();

    LoadGenerator(DivconqContext context) {
        this.topics = context.topics();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2),
                new StringSerializer(), topics.problems().serde().serializer());
        this.consumer = Consumers.committedFromStart(context.bootstrapServers(), "bench");
        consumer.subscribe(List.of(topics.scores().name(), topics.deadLetters().name()));
    }

    @Override
    public void drive(int outstanding, long untilMs, Observer observer) {
        while (System.currentTimeMillis() < untilMs) {
            while (sent - finished < outstanding) send();
            producer.flush();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                long now = System.currentTimeMillis();
                if (r.key() == null || !r.key().startsWith(prefix)) continue;
                int n = Integer.parseInt(r.key().substring(prefix.length()));
                if (seen.get(n)) {
                    duplicates++;
                    continue;
                }
                seen.set(n);
                finished++;
                if (r.topic().equals(topics.scores().name())) {
                    Score s = topics.scores().decode(r.value());
                    long created = s.getScoredAtMs() - s.getEndToEndLatencyMs();
                    observer.scored(now, now - created, s.getModelLatencyMs());
                }
            }
        }
    }

    private void send() {
        String id = prefix + sent++;
        Problem p = Load.problem(id, sent);
        producer.send(new ProducerRecord<>(topics.problems().name(), id, p));
    }

    long sent() {
        return sent;
    }

    long finished() {
        return finished;
    }

    @Override
    public long duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
