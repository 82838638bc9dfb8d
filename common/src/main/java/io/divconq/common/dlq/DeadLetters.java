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

    private static final int MAX_REASON = 2000;

    private DeadLetters() {
    }

    /** Where the failed record was read. */
    public record Source(String topic, int partition, long offset) {
    }

    /** Why a record failed, classified. */
    public record Failure(String errorType, String reason, int attempts) {
    }

    public static DeadLetter of(String stage, Failure failure, Source source, byte[] key, byte[] value,
                                JobInfo info, long nowMs) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setErrorType(failure.errorType())
                .setReason(truncate(failure.reason()))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setProblemId(info == null ? null : info.problemId())
                .setExperiment(info == null ? null : info.experiment())
                .setArm(info == null ? null : info.arm())
                .setAttempts(failure.attempts())
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
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
            return new Failure(UNPARSEABLE_REPLY, u.getMessage() + "; reply: " + abbreviate(reply, 300), 1);
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
