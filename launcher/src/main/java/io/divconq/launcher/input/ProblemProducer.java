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

    /** @throws ProblemsNotSentException if any problem could not be written (none is dropped silently) */
    public static void send(DivconqContext context, List<Problem> problems) {
        Topic<Problem> topic = context.topics().problems();
        DeliveryTally tally = new DeliveryTally();
        try (KafkaProducer<String, Problem> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // One batch in flight per connection: on a topic created a moment ago the first batch can meet a
                // partition that is not led yet; with more in flight a later batch may land first and the retried
                // one is then refused as out of sequence until it times out, losing its problems.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), topic.serde().serializer())) {
            for (Problem p : problems) {
                // End-to-end latency starts when the problem enters the pipeline.
                Problem sent = Problem.newBuilder(p).setCreatedAtMs(System.currentTimeMillis()).build();
                producer.send(new ProducerRecord<>(topic.name(), sent.getId(), sent), tally);
            }
            producer.flush();
        }
        if (tally.failed() > 0) {
            throw new ProblemsNotSentException(tally.describe(problems.size(), "problems", topic.name()), tally.firstFailure());
        }
    }

    /** Some records did not reach their topic; the message says how many and why. */
    public static final class ProblemsNotSentException extends RuntimeException {
        ProblemsNotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
