package io.divconq.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.avro.Feedback;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.Topic;
import io.divconq.launcher.input.DeliveryTally;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Sends late labels (a person's verdict or the true answer) for problems that had no gold answer. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Send labels from JSON lines {\"id\": ..., \"correct\": true|false} or {\"id\": ..., \"answer\": ...} to the feedback topic.")
public final class FeedbackCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Labels as JSON lines.")
    Path input;

    @Option(names = "--labeller", description = "Who labelled, kept with each label.")
    String labeller;

    @Override
    public Integer call() throws Exception {
        DivconqContext context = options.context(System.getenv());
        TopicAdmin.ensureTopics(context);
        Topic<Feedback> topic = context.topics().feedback();
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(input);
        int sent = 0;
        int rejected = 0;
        DeliveryTally tally = new DeliveryTally();
        try (KafkaProducer<String, Feedback> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), topic.serde().serializer())) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                try {
                    JsonNode n = json.readTree(lines.get(i));
                    String id = n.path("id").asText(null);
                    JsonNode correct = n.get("correct");
                    String answer = n.hasNonNull("answer") ? n.get("answer").asText() : null;
                    if (id == null || (correct == null || !correct.isBoolean()) && answer == null) {
                        throw new IllegalArgumentException("needs \"id\" and \"correct\" (true/false) or \"answer\"");
                    }
                    Feedback f = Feedback.newBuilder().setProblemId(id)
                            .setCorrect(correct != null && correct.isBoolean() ? correct.asBoolean() : null)
                            .setTrueAnswer(answer).setLabeller(labeller).setAtMs(System.currentTimeMillis()).build();
                    producer.send(new ProducerRecord<>(topic.name(), id, f), tally);
                    sent++;
                } catch (Exception e) {
                    rejected++;
                    System.err.println(input.getFileName() + ":" + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        if (tally.failed() > 0) System.err.println("feedback: " + tally.describe(sent, "labels", topic.name()));
        System.out.println("sent " + (sent - tally.failed()) + " labels to " + topic.name() + (rejected > 0 ? "; rejected " + rejected : ""));
        return rejected == 0 && tally.failed() == 0 ? 0 : 1;
    }
}
