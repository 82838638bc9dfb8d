package io.divconq.solver;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Solution;
import io.divconq.common.async.AsyncStageSupplier;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import io.divconq.common.streams.StreamAssembly;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** decompositions → (solver call or calls) → solutions, failures → dlq. */
public final class SolverTopology {

    public static final String STAGE = "solve";

    public static final StreamAssembly STREAM = new StreamAssembly("solver", (context, settings, router) ->
            StreamAssembly.Assembled.alone(build(settings, new SolveStage(context.config(), router))));

    private SolverTopology() {
    }

    public static Topology build(StageSettings s, SolveStage stage) {
        StreamsBuilder builder = new StreamsBuilder();
        var processor = new AsyncStageSupplier<Decomposition, Solution>(STAGE,
                s.topics().decompositions().serde().deserializer(), stage, s.async())
                .guardedBy(s.outputGuard(s.topics().solutions(), java.util.List::of));
        StageWiring.wire(builder, STAGE, s.topics().decompositions(), processor, s.topics().solutions(), s.topics().deadLetters());
        return builder.build();
    }
}
