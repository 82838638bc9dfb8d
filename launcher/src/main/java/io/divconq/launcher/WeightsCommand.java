package io.divconq.launcher;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.kafka.Consumers;
import io.divconq.common.topics.Topic;
import io.divconq.common.weights.WeightChanges;
import io.divconq.common.weights.WeightDecision;
import io.divconq.common.weights.Weights;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Changes a running experiment's traffic weights through the experiment-control topic (no restart; recorded). */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Change the traffic weights of a running experiment, e.g. ramp a student from 10%% to 50%%.")
public final class WeightsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--set", required = true, paramLabel = "ARM=WEIGHT", description = "New weight of an arm (repeatable).")
    Map<String, Double> weights = new LinkedHashMap<>();

    @Option(names = "--reason", required = true, description = "Why; kept with the change.")
    String reason;

    @Override
    public Integer call() throws Exception {
        DivconqContext context = options.context(System.getenv());
        DivconqConfig config = context.config();
        TopicAdmin.ensureTopics(context);
        Topic<ExperimentControl> topic = context.topics().experimentControl();
        ExperimentControl change = ExperimentControl.newBuilder().setExperiment(config.experiment().name())
                .setWeights(weights).setReason(reason).setSource("user").setAtMs(System.currentTimeMillis()).build();
        Weights current = WeightChanges.replay(config.experiment(), history(context.bootstrapServers(), topic));
        if (WeightChanges.apply(config.experiment(), current, change) instanceof WeightDecision.Rejected r) {
            System.err.println("experiment '" + config.experiment().name() + "': change refused: " + r.reason()
                    + " (current weights " + current.byArm() + ", version " + current.version() + ")");
            return 2;
        }
        try (KafkaProducer<String, ExperimentControl> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), topic.serde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), change.getExperiment(), change)).get();
        }
        System.out.println("experiment " + change.getExperiment() + ": weights " + weights + " (" + reason + ")");
        return 0;
    }

    /** Every change on the (one-partition) control topic so far, in order; undecodable records are skipped. */
    private static List<ExperimentControl> history(String bootstrapServers, Topic<ExperimentControl> topic) {
        List<ExperimentControl> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = Consumers.committedFromStart(bootstrapServers, "weights-command")) {
            TopicPartition tp = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        ExperimentControl c = topic.decode(r.value());
                        if (c != null) out.add(c);
                    } catch (RuntimeException undecodable) {
                        // not a change anyone applies either
                    }
                }
            }
        }
        return out;
    }
}
