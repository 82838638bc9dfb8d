package io.divconq.distill;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StreamAssembly;
import io.divconq.distill.stream.DistillTopology;

/**
 * The distill stream: solutions, scores, feedback and dead letters → distill-examples, and the rollout controller
 * for arms that carry a rollout. Makes no model calls.
 */
public final class DistillStream implements StreamAssembly {

    @Override
    public String id() {
        return DistillTopology.STREAM;
    }

    @Override
    public Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
        return Assembled.alone(DistillTopology.build(settings, context.config().experiment()));
    }
}
