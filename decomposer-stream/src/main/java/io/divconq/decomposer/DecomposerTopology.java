package io.divconq.decomposer;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.common.async.AsyncStageSupplier;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import io.divconq.common.streams.StreamAssembly;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** problems → (duplicate ids dropped) → (arm assignment, decomposer call and optional shadow call) → decompositions, failures → dlq. */
public final class DecomposerTopology {

    public static final String STAGE = "decompose";

    /** The decomposer stream, with the experiment's weights followed beside it. */
    public static final StreamAssembly STREAM = new StreamAssembly("decomposer", (context, settings, router) -> {
        // Weight changes on experiment-control are replayed before the first problem is assigned.
        ExperimentWeights weights = new ExperimentWeights(context.config().experiment());
        AutoCloseable follower = ControlFollower.start(context.bootstrapServers(), settings.topics().experimentControl().name(),
                settings.topics().experimentControl().serde().deserializer(), weights, Duration.ofSeconds(30));
        return new StreamAssembly.Assembled(build(settings, new DecomposeStage(context.config(), weights, router)), follower);
    });

    private DecomposerTopology() {
    }

    public static Topology build(StageSettings s, DecomposeStage stage) {
        StreamsBuilder builder = new StreamsBuilder();
        var processor = new AsyncStageSupplier<Problem, List<Decomposition>>(STAGE,
                s.topics().problems().serde().deserializer(), stage, s.async())
                .guardedBy(s.outputGuard(s.topics().decompositions(), decompositions -> decompositions));
        var duplicates = io.micrometer.core.instrument.Counter.builder("divconq.decomposer.duplicates")
                .description("Problems dropped because their id was already accepted within streams.dedupWindowMs")
                .register(s.meters());
        var filter = new DuplicateFilter(java.time.Duration.ofMillis(s.dedupWindowMs()), duplicates);
        StageWiring.wire(builder, STAGE, s.topics().problems(),
                problems -> problems.process(filter, org.apache.kafka.streams.kstream.Named.as(STAGE + "-dedup")),
                processor, decompositions -> decompositions, s.topics().decompositions(), s.topics().deadLetters());
        return builder.build();
    }
}
