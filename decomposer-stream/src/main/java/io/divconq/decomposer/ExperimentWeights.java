package io.divconq.decomposer;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.weights.WeightChanges;
import io.divconq.common.weights.WeightDecision;
import io.divconq.common.weights.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment's current traffic weights and their version: the configured ones, changed at run time by records on
 * the experiment-control topic through {@link WeightChanges} (the same function the scorer and the weights command
 * use). One per decomposer stream: applied, in order, by its topology's global-store processor ({@link WeightsFollower}),
 * read by its stream threads when they assign a problem.
 */
public final class ExperimentWeights {

    private static final Logger log = LoggerFactory.getLogger(ExperimentWeights.class);

    /** The assigner for one weight version. */
    public record Current(Weights weights, ArmAssigner assigner) {
    }

    private final ExperimentConfig experiment;
    private final AtomicReference<Current> current;

    public ExperimentWeights(ExperimentConfig experiment) {
        this.experiment = experiment;
        this.current = new AtomicReference<>(new Current(Weights.initial(experiment), new ArmAssigner(experiment)));
    }

    /** The weights, their version and the assigner, read together. */
    public Current current() {
        return current.get();
    }

    public ArmAssigner assigner() {
        return current.get().assigner();
    }

    public ExperimentConfig experiment() {
        return experiment;
    }

    /** Applies a control record; a rejected one changes nothing and is logged (the scorer records it). */
    public void apply(ExperimentControl change) {
        current.updateAndGet(now -> {
            WeightDecision decision = WeightChanges.apply(experiment, now.weights(), change);
            if (decision instanceof WeightDecision.Accepted a) {
                List<ArmConfig> arms = new ArrayList<>();
                for (ArmConfig arm : experiment.arms()) arms.add(arm.withWeight(a.weights().byArm().get(arm.name())));
                log.info("experiment {}: weights now {} (version {}; {}: {})", experiment.name(), a.weights().byArm(),
                        a.weights().version(), change.getSource(), change.getReason());
                return new Current(a.weights(), new ArmAssigner(experiment.salt(), experiment.assignmentKey(), arms));
            }
            if (decision instanceof WeightDecision.Rejected r) {
                log.warn("experiment {}: ignoring a rejected weight change ({}): {}", experiment.name(), r.reason(), change);
            }
            return now;
        });
    }
}
