package io.divconq.launcher.dlq;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.DlqReplay;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.dlq.DeadLetters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-sends dead letters' original bytes to their source topics, in transactions, each with the
 * {@link DeadLetters#REPLAY_HEADER} one higher than the letter's, and a marker on {@code dlq-replays} in the same
 * transaction, so no letter is replayed twice. Letters replayed {@code maxReplays} times already, and letters whose
 * value was truncated to fit the dlq, stay where they are.
 */
public final class DlqReplayer {

    /** Letters per transaction. */
    static final int BATCH = 500;

    private DlqReplayer() {
    }

    /** Which letters to replay: any null criterion matches everything. */
    public record Filter(String stage, String errorType, Long sinceMs) {
        boolean matches(DeadLetter d) {
            return (stage == null || stage.equals(d.getStage()))
                    && (errorType == null || errorType.equals(d.getErrorType()))
                    && (sinceMs == null || d.getFailedAtMs() >= sinceMs);
        }
    }

    /** What a replay did: letters re-sent, and letters matched but kept (too often replayed, truncated, replayed before). */
    public record Result(int replayed, int keptMaxReplays, int keptTruncated, int keptShadow, int alreadyReplayed) {
    }

    public static Result replay(DivconqContext context, Filter filter, int maxReplays) {
        DeadLetterLog log = DeadLetterLog.read(context);
        int keptMax = 0, keptTruncated = 0, keptShadow = 0, already = 0;
        List<DeadLetterLog.Entry> toSend = new java.util.ArrayList<>();
        for (DeadLetterLog.Entry e : log.letters()) {
            if (!filter.matches(e.letter())) continue;
            if (log.replayed().contains(e.id())) already++;
            else if (DeadLetters.shadowOfProblem(e.letter())) keptShadow++;
            else if (e.letter().getReplays() >= maxReplays) keptMax++;
            else if (!DeadLetters.replayable(e.letter())) keptTruncated++;
            else toSend.add(e);
        }
        if (!toSend.isEmpty()) send(context, toSend);
        return new Result(toSend.size(), keptMax, keptTruncated, keptShadow, already);
    }

    private static void send(DivconqContext context, List<DeadLetterLog.Entry> letters) {
        var markers = context.topics().dlqReplays();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, context.topics().applicationId("dlq-replay") + "-" + UUID.randomUUID(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int from = 0; from < letters.size(); from += BATCH) {
                producer.beginTransaction();
                long now = System.currentTimeMillis();
                for (DeadLetterLog.Entry e : letters.subList(from, Math.min(letters.size(), from + BATCH))) {
                    DeadLetter d = e.letter();
                    int count = d.getReplays() + 1;
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(d.getSourceTopic(), null,
                            bytes(d.getOriginalKey()), bytes(d.getOriginalValue()));
                    record.headers().add(DeadLetters.REPLAY_HEADER, Integer.toString(count).getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                    DlqReplay marker = new DlqReplay(e.partition(), e.offset(), d.getSourceTopic(), count, now);
                    producer.send(new ProducerRecord<>(markers.name(), e.id().getBytes(StandardCharsets.UTF_8), markers.encode(marker)));
                }
                producer.commitTransaction();
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) return null;
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
