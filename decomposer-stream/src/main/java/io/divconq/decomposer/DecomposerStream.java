package io.divconq.decomposer;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StreamAssembly;
import java.time.Duration;

/** The decomposer stream: problems → decompositions, with the experiment's weights followed beside it. */
public final class DecomposerStream implements StreamAssembly {

    @Override
    public String id() {
        return "decomposer";
    }

    @Override
    public Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
        // Weight changes on experiment-control are replayed before the first problem is assigned.
        ExperimentWeights weights = new ExperimentWeights(context.config().experiment());
        AutoCloseable follower = ControlFollower.start(context.bootstrapServers(), settings.topics().experimentControl().name(),
                settings.topics().experimentControl().serde().deserializer(), weights, Duration.ofSeconds(30));
        return new Assembled(DecomposerTopology.build(settings, new DecomposeStage(context.config(), weights, router)), follower);
    }
}
