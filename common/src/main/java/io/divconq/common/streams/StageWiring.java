package io.divconq.common.streams;

import io.divconq.avro.DeadLetter;
import io.divconq.common.async.StageOutcome;
import io.divconq.common.topics.Topic;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/** The shape every divconq stage shares: raw bytes in, a processor, outputs to one topic and failures to the DLQ. */
public final class StageWiring {

    private StageWiring() {
    }

    /** Wires input → processor → (output | dead letters) and returns the output stream. */
    public static <O> KStream<String, O> wire(StreamsBuilder builder, String stage, Topic<?> input,
                                               ProcessorSupplier<byte[], byte[], String, StageOutcome<O>> processor,
                                               Topic<O> output, Topic<DeadLetter> deadLetters) {
        return wire(builder, stage, input, processor, List::of, output, deadLetters);
    }

    /** As above, for a stage whose result becomes several output records (e.g. a decomposition and its shadow). */
    public static <O, V> KStream<String, V> wire(StreamsBuilder builder, String stage, Topic<?> input,
                                                  ProcessorSupplier<byte[], byte[], String, StageOutcome<O>> processor,
                                                  Function<O, List<V>> outputs, Topic<V> output,
                                                  Topic<DeadLetter> deadLetters) {
        return wire(builder, stage, input, java.util.function.UnaryOperator.identity(), processor, outputs, output, deadLetters);
    }

    /** As above, with {@code before} applied to the raw input first (e.g. dropping duplicates). */
    public static <O, V> KStream<String, V> wire(StreamsBuilder builder, String stage, Topic<?> input,
                                                  java.util.function.UnaryOperator<KStream<byte[], byte[]>> before,
                                                  ProcessorSupplier<byte[], byte[], String, StageOutcome<O>> processor,
                                                  Function<O, List<V>> outputs, Topic<V> output,
                                                  Topic<DeadLetter> deadLetters) {
        KStream<String, StageOutcome<O>> outcomes = before.apply(builder
                .stream(input.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(stage + "-source")))
                .process(processor, Named.as(stage));
        outcomes
                .filter((k, v) -> v instanceof StageOutcome.DeadLettered<O>, Named.as(stage + "-failed"))
                .mapValues(v -> ((StageOutcome.DeadLettered<O>) v).deadLetter(), Named.as(stage + "-dead-letter"))
                .to(deadLetters.name(), Produced.with(Serdes.String(), deadLetters.serde()).withName(stage + "-dlq-sink"));
        KStream<String, V> out = outcomes
                .filter((k, v) -> v instanceof StageOutcome.Emitted<O>, Named.as(stage + "-succeeded"))
                .flatMapValues(v -> outputs.apply(((StageOutcome.Emitted<O>) v).value()), Named.as(stage + "-output"));
        out.to(output.name(), Produced.with(Serdes.String(), output.serde()).withName(stage + "-sink"));
        return out;
    }

    /** A topic's records that decode; anything else on a topic a stream only reads is skipped, not fatal. */
    public static <T> KStream<String, T> decoded(StreamsBuilder builder, Topic<T> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-source"))
                .flatMapValues(bytes -> {
                    try {
                        T value = topic.decode(bytes);
                        return value == null ? List.<T>of() : List.of(value);
                    } catch (RuntimeException e) {
                        return List.<T>of();
                    }
                }, Named.as(name + "-decoded"));
    }
}
