package io.divconq.launcher.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.launcher.testing.SharedKafka;
import io.divconq.registry.SchemaRegistryClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** dlq summary and replay against a real broker: original bytes back to the source topic, once, with a count. */
class DlqReplayerTest {

    private final String prefix = "dlq" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final DivconqContext context = DivconqContext.withRegistry(ConfigLoader.defaults().topicPrefix(prefix).build(),
            SharedKafka.bootstrapServers(), SchemaRegistryClients.create("mock://" + prefix, Optional.empty()), new SimpleMeterRegistry());

    private DeadLetter letter(String id, String stage, String errorType, String arm, long at, int replays, byte[] value, long valueBytes) {
        return DeadLetter.newBuilder().setStage(stage).setErrorType(errorType).setReason("r").setSourceTopic(
                        stage.equals("decompose") ? context.topics().problems().name() : context.topics().decompositions().name())
                .setSourcePartition(0).setSourceOffset(1).setProblemId(id).setArm(arm)
                .setOriginalKey(ByteBuffer.wrap(id.getBytes(StandardCharsets.UTF_8))).setOriginalValue(ByteBuffer.wrap(value))
                .setOriginalValueBytes(valueBytes).setReplays(replays).setFailedAtMs(at).build();
    }

    private void write(List<DeadLetter> letters) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (DeadLetter d : letters) {
                producer.send(new ProducerRecord<>(context.topics().deadLetters().name(), null,
                        d.getProblemId().getBytes(StandardCharsets.UTF_8), context.topics().deadLetters().encode(d)));
            }
        }
    }

    private record Sent(String key, String value, String replayHeader) {
    }

    private List<Sent> read(String topicName) {
        List<Sent> out = new ArrayList<>();
        var topic = topicName.equals(context.topics().problems().name()) ? context.topics().problems() : context.topics().decompositions();
        DeadLetterLog.readAll(context, topic, (r, v) -> out.add(new Sent(r.key(), new String(r.value(), StandardCharsets.UTF_8),
                new String(r.headers().lastHeader(DeadLetters.REPLAY_HEADER).value(), StandardCharsets.UTF_8))));
        return out;
    }

    @Test
    void replaysMatchingLettersOnceWithACountAndKeepsOverReplayedAndTruncatedOnes() {
        TopicAdmin.ensureTopics(context);
        byte[] a = "bytes-a".getBytes(StandardCharsets.UTF_8);
        write(List.of(
                letter("a", "decompose", "model-call-failed", "teacher", 1_000, 0, a, a.length),
                letter("b", "decompose", "model-call-failed", "student", 2_000, 2, "bytes-b".getBytes(StandardCharsets.UTF_8), 7),
                letter("c", "decompose", "model-call-failed", "student", 3_000, 3, "bytes-c".getBytes(StandardCharsets.UTF_8), 7),
                letter("d", "decompose", "output-too-large", null, 4_000, 0, "cut".getBytes(StandardCharsets.UTF_8), 2_000_000),
                letter("e", "solve", "model-call-failed", "teacher", 5_000, 0, "bytes-e".getBytes(StandardCharsets.UTF_8), 7),
                letter("f", "decompose", "model-call-failed", "teacher", 500, 0, "bytes-f".getBytes(StandardCharsets.UTF_8), 7),
                DeadLetter.newBuilder(letter("g", "decompose", "model-call-failed", "teacher", 6_000, 0,
                        "bytes-g".getBytes(StandardCharsets.UTF_8), 7)).setShadow(true).build()));

        assertThat(DlqCommand.summary(DeadLetterLog.read(context))).isEqualTo(String.join(System.lineSeparator(),
                "7 dead letter(s), 0 replayed already",
                "oldest 1970-01-01T00:00:00.500Z, newest 1970-01-01T00:00:06Z",
                "by stage:",
                "  decompose                6",
                "  solve                    1",
                "by error type:",
                "  model-call-failed        6",
                "  output-too-large         1",
                "by arm:",
                "  (none)                   1",
                "  student                  2",
                "  teacher                  4", ""));

        DlqReplayer.Result first = DlqReplayer.replay(context, new DlqReplayer.Filter("decompose", null, 1_000L), 3);

        assertThat(first).as("g is a shadow run's letter: kept").isEqualTo(new DlqReplayer.Result(2, 1, 1, 1, 0));
        assertThat(read(context.topics().problems().name())).containsExactlyInAnyOrder(
                new Sent("a", "bytes-a", "1"), new Sent("b", "bytes-b", "3"));

        DlqReplayer.Result again = DlqReplayer.replay(context, new DlqReplayer.Filter(null, "model-call-failed", null), 3);

        assertThat(again).isEqualTo(new DlqReplayer.Result(2, 1, 0, 1, 2));
        assertThat(read(context.topics().problems().name())).hasSize(3).contains(new Sent("f", "bytes-f", "1"));
        assertThat(read(context.topics().decompositions().name())).containsExactly(new Sent("e", "bytes-e", "1"));
        assertThat(DlqCommand.summary(DeadLetterLog.read(context))).startsWith("7 dead letter(s), 4 replayed already");
    }
}
