package io.divconq.solver;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StreamAssembly;

/** The solver stream: decompositions → solutions. */
public final class SolverStream implements StreamAssembly {

    @Override
    public String id() {
        return "solver";
    }

    @Override
    public Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
        return Assembled.alone(SolverTopology.build(settings, new SolveStage(context.config(), router)));
    }
}
