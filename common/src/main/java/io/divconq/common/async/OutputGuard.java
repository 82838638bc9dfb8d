package io.divconq.common.async;

import io.divconq.common.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Checks an output before a stage forwards it: an output that could not be written (too large for Kafka, or
 * rejected by its serializer) would fail the producer and, under exactly-once, crash-loop the task on that record.
 * Such an output is dead-lettered instead, with the reason, and the stream goes on.
 */
@FunctionalInterface
public interface OutputGuard<O> {

    /** Why {@code output} (to be written under {@code key}) cannot be written, or empty if it can. */
    Optional<DeadLetters.Failure> check(String key, O output);

    static <O> OutputGuard<O> none() {
        return (key, output) -> Optional.empty();
    }

    /**
     * Serialises each record {@code records} makes of an output, as the sink to {@code topic} will, and rejects the
     * output when one is over {@code maxBytes} (key and value) or does not serialise. Registry outages are not the
     * output's fault and propagate.
     */
    static <O, V> OutputGuard<O> maxBytes(String topic, Serializer<V> serializer, Function<O, List<V>> records, int maxBytes) {
        return maxBytes(topic, serializer, records, maxBytes, v -> Long.MAX_VALUE);
    }

    /**
     * As {@link #maxBytes(String, Serializer, Function, int)}, but a record is serialised only when {@code sizeBound}
     * (an upper bound on its serialised size, cheap to compute) does not already show it fits: on the hot path the
     * sink is then the only one to serialise it.
     */
    static <O, V> OutputGuard<O> maxBytes(String topic, Serializer<V> serializer, Function<O, List<V>> records, int maxBytes,
                                          ToLongFunction<V> sizeBound) {
        return (key, output) -> {
            int keyBytes = key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
            for (V value : records.apply(output)) {
                if (sizeBound.applyAsLong(value) <= maxBytes - keyBytes) continue;
                byte[] bytes;
                try {
                    bytes = serializer.serialize(topic, value);
                } catch (RuntimeException e) {
                    if (DeadLetters.isTransient(e)) throw e;
                    return Optional.of(new DeadLetters.Failure(DeadLetters.UNSERIALISABLE_OUTPUT,
                            "the " + topic + " record cannot be serialised: " + e.getMessage(), 0));
                }
                int size = keyBytes + (bytes == null ? 0 : bytes.length);
                if (size > maxBytes) {
                    return Optional.of(new DeadLetters.Failure(DeadLetters.OUTPUT_TOO_LARGE, String.format(
                            "the %s record would be %,d bytes, over the %,d-byte limit (streams.maxRecordBytes)",
                            topic, size, maxBytes), 0));
                }
            }
            return Optional.empty();
        };
    }
}
