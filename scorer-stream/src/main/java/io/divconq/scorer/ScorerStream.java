package io.divconq.scorer;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StreamAssembly;

/** The scorer stream: solutions → scores, arm totals and the experiment's verdicts. Makes no model calls. */
public final class ScorerStream implements StreamAssembly {

    @Override
    public String id() {
        return "scorer";
    }

    @Override
    public Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
        return Assembled.alone(ScorerTopology.build(settings,
                new ScoreCalculator(context.config().prices(), System::currentTimeMillis), context.config().experiment()));
    }
}
