package io.divconq.common.async;

/** Turns a deserialised input record into the job that produces its output. Must be deterministic and fast. */
@FunctionalInterface
public interface AsyncStage<I, O> {

    /**
     * @throws InvalidRecordException when the record lacks what the stage needs (it is dead-lettered)
     */
    AsyncJob<O> prepare(I input);
}
