package io.divconq.decomposer;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.common.async.AsyncStageSupplier;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import io.divconq.common.streams.StreamAssembly;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * problems → (duplicate ids dropped) → (arm assignment, decomposer call; a sampled shadow call as a side job of its
 * own, see {@link DecomposeStage}) → decompositions,
 * failures → dlq; the weights follow experiment-control through a global store of this topology ({@link WeightsFollower}).
 */
public final class DecomposerTopology {

    public static final String STAGE = "decompose";
    /** Global store over experiment-control: each experiment's current weight version. */
    public static final String WEIGHTS_STORE = "experiment-weights";

    /**
     * The decomposer stream. Weight changes on experiment-control are replayed by the topology's global store (Kafka
     * Streams restores it through {@link WeightsFollower} before the first problem is assigned): nothing runs beside it.
     */
    public static final StreamAssembly STREAM = new StreamAssembly("decomposer", (context, settings, router) ->
            StreamAssembly.Assembled.alone(build(settings, new DecomposeStage(context.config(), router))));

    private DecomposerTopology() {
    }

    public static Topology build(StageSettings s, DecomposeStage stage) {
        StreamsBuilder builder = new StreamsBuilder();
        var control = s.topics().experimentControl();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WEIGHTS_STORE), Serdes.String(), Serdes.Long())
                        .withLoggingDisabled(),
                control.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("experiment-control-source"),
                () -> new WeightsFollower(stage.weights(), control));
        var processor = new AsyncStageSupplier<Problem, List<Decomposition>>(STAGE,
                s.topics().problems().serde().deserializer(), stage,
                s.async().withMaxSideQueuedPerTask(stage.weights().experiment().shadow().queueCapacity()))
                .guardedBy(s.outputGuard(s.topics().decompositions(), decompositions -> decompositions));
        var duplicates = io.micrometer.core.instrument.Counter.builder("divconq.decomposer.duplicates")
                .description("Problems dropped because their id was already accepted within streams.dedupWindowMs")
                .register(s.meters());
        var filter = new DuplicateFilter(java.time.Duration.ofMillis(s.dedupWindowMs()), duplicates);
        registerWeightGauges(s.meters(), stage.weights());
        StageWiring.wire(builder, STAGE, s.topics().problems(),
                problems -> problems.process(filter, org.apache.kafka.streams.kstream.Named.as(STAGE + "-dedup")),
                processor, decompositions -> decompositions, s.topics().decompositions(), s.topics().deadLetters());
        return builder.build();
    }

    /**
     * What this decomposer assigns with: each arm's weight ({@code divconq.decomposer.weight}) and the weight version
     * ({@code divconq.decomposer.weights.version}), read live from its {@link ExperimentWeights}.
     */
    private static void registerWeightGauges(MeterRegistry meters, ExperimentWeights weights) {
        String experiment = weights.experiment().name();
        for (var arm : weights.experiment().arms()) {
            Gauge.builder("divconq.decomposer.weight", weights, w -> w.current().weights().byArm().getOrDefault(arm.name(), Double.NaN))
                    .description("The arm's traffic weight this decomposer assigns with").tags("experiment", experiment, "arm", arm.name())
                    .strongReference(true).register(meters);
        }
        Gauge.builder("divconq.decomposer.weights.version", weights, w -> w.current().weights().version())
                .description("The weight version this decomposer assigns under").tag("experiment", experiment)
                .strongReference(true).register(meters);
    }
}
