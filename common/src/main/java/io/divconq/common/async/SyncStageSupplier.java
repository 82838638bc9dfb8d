package io.divconq.common.async;

import io.divconq.common.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** A stage without model calls: deserialise, compute, emit; anything that fails is dead-lettered with its bytes. */
public final class SyncStageSupplier<I, O> implements ProcessorSupplier<byte[], byte[], String, StageOutcome<O>> {

    private final String stage;
    private final Deserializer<I> deserializer;
    private final Function<I, Keyed<O>> compute;
    private final Function<I, JobInfo> infoOf;
    private OutputGuard<O> guard = OutputGuard.none();

    /** An output with the key it is written under. */
    public record Keyed<O>(String key, O value) {
    }

    /** @param infoOf who a record is for (problem, experiment, arm), so its dead letter counts against its arm */
    public SyncStageSupplier(String stage, Deserializer<I> deserializer, Function<I, Keyed<O>> compute,
                             Function<I, JobInfo> infoOf) {
        this.stage = stage;
        this.deserializer = deserializer;
        this.compute = compute;
        this.infoOf = infoOf;
    }

    /** Dead-letters outputs the guard rejects (too large, unserialisable) instead of forwarding them. */
    public SyncStageSupplier<I, O> guardedBy(OutputGuard<O> outputGuard) {
        this.guard = outputGuard;
        return this;
    }

    @Override
    public Processor<byte[], byte[], String, StageOutcome<O>> get() {
        return new Processor<>() {
            private ProcessorContext<String, StageOutcome<O>> context;

            @Override
            public void init(ProcessorContext<String, StageOutcome<O>> context) {
                this.context = context;
            }

            @Override
            public void process(Record<byte[], byte[]> record) {
                RecordMetadata meta = context.recordMetadata().orElseThrow();
                long now = context.currentSystemTimeMs();
                JobInfo info = null;
                try {
                    I input = deserializer.deserialize(meta.topic(), record.value());
                    if (input == null) throw new InvalidRecordException("missing-field", "record has no value (null or tombstone)");
                    info = infoOf.apply(input);
                    Keyed<O> out = compute.apply(input);
                    var rejected = guard.check(out.key(), out.value());
                    if (rejected.isPresent()) throw new RejectedOutput(rejected.get());
                    context.forward(new Record<>(out.key(), new StageOutcome.Emitted<>(out.value()), now));
                } catch (RuntimeException e) {
                    if (DeadLetters.isTransient(e)) throw e; // the registry blinked: retry the record, never dead-letter it
                    var failure = e instanceof RejectedOutput r ? r.failure : DeadLetters.classify(e);
                    var dl = DeadLetters.of(stage, failure,
                            new DeadLetters.Source(meta.topic(), meta.partition(), meta.offset()),
                            record.key(), record.value(), info, now, DeadLetters.replaysOf(record.headers()));
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    context.forward(new Record<>(key, new StageOutcome.DeadLettered<>(dl), now));
                }
            }
        };
    }

    /** An output the guard refused, carried to the dead-letter path. */
    private static final class RejectedOutput extends RuntimeException {
        final transient DeadLetters.Failure failure;

        RejectedOutput(DeadLetters.Failure failure) {
            super(failure.reason(), null, false, false);
            this.failure = failure;
        }
    }
}
