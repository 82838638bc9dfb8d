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

/** problems → (arm assignment, decomposer call and optional shadow call) → decompositions, failures → dlq. */
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
                s.topics().problems().serde().deserializer(), stage, s.async());
        StageWiring.wire(builder, STAGE, s.topics().problems(), processor, decompositions -> decompositions,
                s.topics().decompositions(), s.topics().deadLetters());
        return builder.build();
    }
}
