package io.divconq.common.async;

import io.divconq.avro.DeadLetter;

/** What a stage emits for one input: its output, or a dead letter saying why there is none. */
public sealed interface StageOutcome<O> {

    record Emitted<O>(O value) implements StageOutcome<O> {
    }

    record DeadLettered<O>(DeadLetter deadLetter) implements StageOutcome<O> {
    }
}
