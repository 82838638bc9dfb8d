package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.launcher.testing.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `divconq weights` against a real broker: a change that leaves no arm with traffic is refused and never written. */
class WeightsCommandTest {

    private final String prefix = "weights" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @Test
    void aChangeLeavingNoArmWithTrafficIsRefusedWithTheReasonAndNothingIsWritten() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new Divconq()).execute("weights", "--bootstrap-servers", SharedKafka.bootstrapServers(),
                    "--schema-registry-url", "mock://" + prefix, "--topic-prefix", prefix,
                    "--set", "teacher=0", "--set", "student=0", "--reason", "switch everything off");
        } finally {
            System.setErr(saved);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("experiment 'teacher-vs-student': change refused: the change"
                + " would leave no arm with traffic: {teacher=0.0, student=0.0} (current weights {teacher=50.0, student=50.0},"
                + " version 0)" + System.lineSeparator());
        assertThat(endOffset(prefix + "experiment-control")).as("nothing written to experiment-control").isZero();
    }

    private static long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }
}
