package io.divconq.launcher.pipeline;

import io.divconq.common.streams.StreamAssembly;
import io.divconq.decomposer.DecomposerTopology;
import io.divconq.distill.stream.DistillTopology;
import io.divconq.scorer.ScorerTopology;
import io.divconq.solver.SolverTopology;

/** The streams of the pipeline, as the commands name them; each module assembles its own. */
public enum PipelineStream {
    DECOMPOSER(DecomposerTopology.STREAM),
    SOLVER(SolverTopology.STREAM),
    SCORER(ScorerTopology.STREAM),
    /** Beside the scorer: distill-examples (the student's training data) and the rollout controller. */
    DISTILL(DistillTopology.STREAM);

    private final StreamAssembly assembly;

    PipelineStream(StreamAssembly assembly) {
        this.assembly = assembly;
    }

    /** Short name, used in application ids: divconq-decomposer, ... */
    public String id() {
        return assembly.id();
    }

    public StreamAssembly assembly() {
        return assembly;
    }
}
