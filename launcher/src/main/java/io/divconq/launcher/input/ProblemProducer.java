package io.divconq.launcher.input;

import io.divconq.avro.Problem;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.Topic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends problems to the problems topic, keyed by id, stamped with the time they enter the pipeline. */
public final class ProblemProducer {

    private ProblemProducer() {
    }

    public static void send(DivconqContext context, List<Problem> problems) {
        Topic<Problem> topic = context.topics().problems();
        try (KafkaProducer<String, Problem> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), topic.serde().serializer())) {
            for (Problem p : problems) {
                // End-to-end latency starts when the problem enters the pipeline.
                Problem sent = Problem.newBuilder(p).setCreatedAtMs(System.currentTimeMillis()).build();
                producer.send(new ProducerRecord<>(topic.name(), sent.getId(), sent));
            }
            producer.flush();
        }
    }
}
