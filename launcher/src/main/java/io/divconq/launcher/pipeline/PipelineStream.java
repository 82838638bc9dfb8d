package io.divconq.launcher.pipeline;

import io.divconq.common.streams.StreamAssembly;
import io.divconq.decomposer.DecomposerStream;
import io.divconq.scorer.ScorerStream;
import io.divconq.solver.SolverStream;
import java.util.function.Supplier;

/** The three streams of the pipeline, as the commands name them; each module assembles its own. */
public enum PipelineStream {
    DECOMPOSER(DecomposerStream::new),
    SOLVER(SolverStream::new),
    SCORER(ScorerStream::new);

    private final StreamAssembly assembly;

    PipelineStream(Supplier<StreamAssembly> assembly) {
        this.assembly = assembly.get();
    }

    /** Short name, used in application ids: divconq-decomposer, ... */
    public String id() {
        return assembly.id();
    }

    public StreamAssembly assembly() {
        return assembly;
    }
}
