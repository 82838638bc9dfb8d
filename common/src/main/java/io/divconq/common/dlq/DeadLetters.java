package io.divconq.common.dlq;

import io.divconq.avro.DeadLetter;
import io.divconq.common.async.InvalidRecordException;
import io.divconq.common.async.JobInfo;
import io.divconq.common.async.UnparseableReplyException;
import io.divconq.llm.ModelCallException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Builds dead letters: where a record came from, why it failed, and its original bytes. */
public final class DeadLetters {

    /** Error types, as they appear in DeadLetter.errorType. */
    public static final String DESERIALIZATION = "deserialization";
    public static final String MODEL_CALL_FAILED = "model-call-failed";
    public static final String UNPARSEABLE_REPLY = "unparseable-reply";
    public static final String PROCESSING_ERROR = "processing-error";
    /** An output record larger than streams.maxRecordBytes, or one its serializer rejects. */
    public static final String OUTPUT_TOO_LARGE = "output-too-large";
    public static final String UNSERIALISABLE_OUTPUT = "unserialisable-output";

    /** Header on a record re-sent from the dlq: how many times it was replayed (decimal text). */
    public static final String REPLAY_HEADER = "divconq-replay-count";

    /** Original key and value bytes kept in a dead letter; beyond this the value is truncated so the letter fits. */
    public static final int MAX_ORIGINAL_BYTES = 900_000;

    private static final int MAX_REASON = 2000;

    private DeadLetters() {
    }

    /** Where the failed record was read. */
    public record Source(String topic, int partition, long offset) {
    }

    /** Why a record failed, classified. */
    public record Failure(String errorType, String reason, int attempts, Spend spend) {
        public Failure(String errorType, String reason, int attempts) {
            this(errorType, reason, attempts, Spend.NONE);
        }
    }

    /** Tokens a failed step spent (an unusable reply still costs), and on which model. */
    public record Spend(String model, long promptTokens, long completionTokens) {
        public static final Spend NONE = new Spend(null, 0, 0);
    }

    public static DeadLetter of(String stage, Failure failure, Source source, byte[] key, byte[] value,
                                JobInfo info, long nowMs) {
        return of(stage, failure, source, key, value, info, nowMs, 0);
    }

    /**
     * A dead letter keeping the original bytes; a value too large to fit is cut to {@link #MAX_ORIGINAL_BYTES}
     * (the reason says so and {@code originalValueBytes} keeps the real size). {@code replays}: how often the record
     * was replayed from the dlq already.
     */
    public static DeadLetter of(String stage, Failure failure, Source source, byte[] key, byte[] value,
                                JobInfo info, long nowMs, int replays) {
        int room = Math.max(0, MAX_ORIGINAL_BYTES - (key == null ? 0 : key.length));
        String reason = failure.reason();
        byte[] kept = value;
        if (value != null && value.length > room) {
            kept = java.util.Arrays.copyOf(value, room);
            reason = reason + " [original value of " + value.length + " bytes truncated to " + room + " to fit the dlq]";
        }
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setErrorType(failure.errorType())
                .setReason(truncate(reason))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setProblemId(info == null ? null : info.problemId())
                .setExperiment(info == null ? null : info.experiment())
                .setArm(info == null ? null : info.arm())
                .setWeightVersion(info == null ? null : info.weightVersion())
                .setShadow(info != null && info.shadow())
                .setModel(failure.spend().model())
                .setPromptTokens(failure.spend().promptTokens())
                .setCompletionTokens(failure.spend().completionTokens())
                .setAttempts(failure.attempts())
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(kept == null ? null : ByteBuffer.wrap(kept))
                .setOriginalValueBytes(value == null ? -1 : value.length)
                .setReplays(replays)
                .setFailedAtMs(nowMs)
                .build();
    }

    /** Classifies a failure of deserialisation, validation, a model call or parsing. */
    public static Failure classify(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof ModelCallException m) {
            return new Failure(MODEL_CALL_FAILED, m.getMessage(), m.attempts());
        }
        if (t instanceof UnparseableReplyException u) {
            String reply = u.reply() == null ? "" : u.reply();
            return new Failure(UNPARSEABLE_REPLY, u.getMessage() + "; reply: " + abbreviate(reply, 300), 1,
                    new Spend(u.model(), u.promptTokens(), u.completionTokens()));
        }
        if (t instanceof InvalidRecordException i) {
            return new Failure(i.errorType(), i.getMessage(), 0);
        }
        if (t instanceof org.apache.kafka.common.errors.SerializationException) {
            return new Failure(DESERIALIZATION, String.valueOf(t.getMessage()), 0);
        }
        return new Failure(PROCESSING_ERROR, t.getClass().getSimpleName() + ": " + t.getMessage(), 0);
    }

    /**
     * True when the failure is not the record's: the schema registry did not answer (or answered 5xx). Such a
     * record must not be dead-lettered; the stream waits and tries again.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.divconq.registry.SchemaRegistryException e
                    && io.divconq.registry.RetryingSchemaRegistryClient.isTransient(e)) {
                return true;
            }
        }
        return false;
    }

    /** The replay count a record carries in {@link #REPLAY_HEADER}, 0 if none or unreadable. */
    public static int replaysOf(org.apache.kafka.common.header.Headers headers) {
        var header = headers == null ? null : headers.lastHeader(REPLAY_HEADER);
        if (header == null || header.value() == null) return 0;
        try {
            return Integer.parseInt(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether the dead letter still holds the whole original value, so it can be replayed. A shadow decomposition's
     * letter is not (see {@link #shadowOfProblem}).
     */
    public static boolean replayable(DeadLetter d) {
        return !shadowOfProblem(d) && d.getOriginalValue() != null
                && (d.getOriginalValueBytes() < 0 || d.getOriginalValue().remaining() == d.getOriginalValueBytes());
    }

    /**
     * A failed shadow decomposition: its original is the problem itself, whose own run is accounted for already, so a
     * replay would run the problem again. (A failed shadow solve replays like any letter: it re-solves the shadow.)
     */
    public static boolean shadowOfProblem(DeadLetter d) {
        return d.getShadow() && "decompose".equals(d.getStage());
    }

        public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String truncate(String s) {
        return s == null ? "" : abbreviate(s, MAX_REASON);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
