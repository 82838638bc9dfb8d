package io.divconq.launcher.pipeline;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.decomposer.DecomposeStage;
import io.divconq.decomposer.DecomposerTopology;
import io.divconq.scorer.ScoreCalculator;
import io.divconq.scorer.ScorerTopology;
import io.divconq.solver.SolveStage;
import io.divconq.solver.SolverTopology;
import org.apache.kafka.streams.Topology;

/** The three streams of the pipeline and how each builds its topology. */
public enum PipelineStream {
    DECOMPOSER("decomposer") {
        @Override
        public Topology topology(DivconqConfig config, StageSettings settings, ModelRouter router) {
            return DecomposerTopology.build(settings, new DecomposeStage(config, router));
        }
    },
    SOLVER("solver") {
        @Override
        public Topology topology(DivconqConfig config, StageSettings settings, ModelRouter router) {
            return SolverTopology.build(settings, new SolveStage(config, router));
        }
    },
    SCORER("scorer") {
        @Override
        public Topology topology(DivconqConfig config, StageSettings settings, ModelRouter router) {
            return ScorerTopology.build(settings, new ScoreCalculator(config.prices(), System::currentTimeMillis));
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

    public abstract Topology topology(DivconqConfig config, StageSettings settings, ModelRouter router);
}
