package io.divconq.launcher.input;

import io.divconq.avro.Problem;
import io.divconq.common.serde.DivconqSerdes;
import io.divconq.common.topics.Topics;
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

    public static void send(String bootstrap, Topics topics, DivconqSerdes serdes, List<Problem> problems) {
        try (KafkaProducer<String, Problem> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), serdes.problem().serializer())) {
            for (Problem p : problems) {
                // End-to-end latency starts when the problem enters the pipeline.
                Problem sent = Problem.newBuilder(p).setCreatedAtMs(System.currentTimeMillis()).build();
                producer.send(new ProducerRecord<>(topics.problems(), sent.getId(), sent));
            }
            producer.flush();
        }
    }
}
