package io.divconq.decomposer;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.ExperimentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment's current traffic weights: the configured ones, changed at run time by records on the
 * experiment-control topic. Read by stream threads, updated by the global-store thread.
 */
public final class ExperimentWeights {

    private static final Logger log = LoggerFactory.getLogger(ExperimentWeights.class);

    private final ExperimentConfig experiment;
    private final AtomicReference<ArmAssigner> assigner;

    public ExperimentWeights(ExperimentConfig experiment) {
        this.experiment = experiment;
        this.assigner = new AtomicReference<>(new ArmAssigner(experiment));
    }

    public ArmAssigner assigner() {
        return assigner.get();
    }

    public ExperimentConfig experiment() {
        return experiment;
    }

    /** Applies a control record (ignored when it is for another experiment or would leave no traffic). */
    public void apply(ExperimentControl change) {
        if (change == null || !experiment.name().equals(change.getExperiment())) return;
        assigner.updateAndGet(current -> {
            Map<String, Double> weights = new LinkedHashMap<>(current.weights());
            change.getWeights().forEach((arm, w) -> {
                if (weights.containsKey(arm) && w != null && w >= 0) weights.put(arm, w);
                else log.warn("experiment {}: ignoring weight {} for unknown arm '{}'", experiment.name(), w, arm);
            });
            if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                log.warn("experiment {}: ignoring a change that leaves no arm with traffic: {}", experiment.name(), change);
                return current;
            }
            List<ArmConfig> arms = new ArrayList<>();
            for (ArmConfig a : experiment.arms()) arms.add(a.withWeight(weights.get(a.name())));
            log.info("experiment {}: weights now {} ({}: {})", experiment.name(), weights, change.getSource(), change.getReason());
            return new ArmAssigner(experiment.salt(), experiment.assignmentKey(), arms);
        });
    }
}
