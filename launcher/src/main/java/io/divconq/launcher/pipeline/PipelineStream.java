package io.divconq.launcher.pipeline;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.decomposer.ControlFollower;
import io.divconq.decomposer.DecomposeStage;
import io.divconq.decomposer.DecomposerTopology;
import io.divconq.decomposer.ExperimentWeights;
import io.divconq.scorer.ScoreCalculator;
import io.divconq.scorer.ScorerTopology;
import io.divconq.solver.SolveStage;
import io.divconq.solver.SolverTopology;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/** The three streams of the pipeline and how each is assembled. */
public enum PipelineStream {
    DECOMPOSER("decomposer") {
        @Override
        public Assembly assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
            DivconqConfig config = context.config();
            // Weight changes on experiment-control are replayed before the first problem is assigned.
            ExperimentWeights weights = new ExperimentWeights(config.experiment());
            AutoCloseable follower = ControlFollower.start(context.bootstrapServers(), settings.topics().experimentControl().name(),
                    settings.topics().experimentControl().serde().deserializer(), weights, Duration.ofSeconds(30));
            return new Assembly(DecomposerTopology.build(settings, new DecomposeStage(config, weights, router)), follower);
        }
    },
    SOLVER("solver") {
        @Override
        public Assembly assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
            return new Assembly(SolverTopology.build(settings, new SolveStage(context.config(), router)), () -> { });
        }
    },
    SCORER("scorer") {
        @Override
        public Assembly assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
            return new Assembly(ScorerTopology.build(settings, new ScoreCalculator(context.config().prices(), System::currentTimeMillis),
                    context.config().experiment()), () -> { });
        }
    };

    private final String id;

    PipelineStream(String id) {
        this.id = id;
    }

    /** Short name, used in application ids: divconq-decomposer, ... */
    public String id() {
        return id;
    }

    /** A stream's topology and whatever runs beside it for as long as the stream does. */
    public record Assembly(Topology topology, AutoCloseable sidecar) {
    }

    public abstract Assembly assemble(DivconqContext context, StageSettings settings, ModelRouter router);
}
