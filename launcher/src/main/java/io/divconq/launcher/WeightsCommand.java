package io.divconq.launcher;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.Topic;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        for (var e : weights.entrySet()) {
            if (config.experiment().arm(e.getKey()).isEmpty()) {
                System.err.println("experiment '" + config.experiment().name() + "' has no arm '" + e.getKey() + "'");
                return 2;
            }
            if (e.getValue() < 0) {
                System.err.println("weights must be >= 0");
                return 2;
            }
        }
        TopicAdmin.ensureTopics(context);
        Topic<ExperimentControl> topic = context.topics().experimentControl();
        ExperimentControl change = ExperimentControl.newBuilder().setExperiment(config.experiment().name())
                .setWeights(weights).setReason(reason).setSource("user").setAtMs(System.currentTimeMillis()).build();
        try (KafkaProducer<String, ExperimentControl> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), topic.serde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), change.getExperiment(), change)).get();
        }
        System.out.println("experiment " + change.getExperiment() + ": weights " + weights + " (" + reason + ")");
        return 0;
    }
}
