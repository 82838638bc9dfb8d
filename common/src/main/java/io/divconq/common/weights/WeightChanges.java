package io.divconq.common.weights;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.config.ExperimentConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that validates and applies a weight change: used by the {@code weights} command (to refuse it),
 * the decomposer (to assign) and the scorer (to judge and to record rejected changes). Pure.
 */
public final class WeightChanges {

    private WeightChanges() {
    }

    /** The weights after every change of {@code history}, in order, from the configured ones (rejected ones skipped). */
    public static Weights replay(ExperimentConfig experiment, Iterable<ExperimentControl> history) {
        Weights w = Weights.initial(experiment);
        for (ExperimentControl change : history) {
            if (apply(experiment, w, change) instanceof WeightDecision.Accepted a) w = a.weights();
        }
        return w;
    }

    /**
     * Arms not listed keep their weight. Refused when the change names no arm, names an arm the experiment does not
     * have, gives a weight that is not a finite number {@code >= 0}, or leaves no arm with traffic.
     */
    public static WeightDecision apply(ExperimentConfig experiment, Weights current, ExperimentControl change) {
        if (change == null || !experiment.name().equals(change.getExperiment())) return new WeightDecision.OtherExperiment();
        Map<String, Double> requested = change.getWeights() == null ? Map.of() : change.getWeights();
        if (requested.isEmpty()) return new WeightDecision.Rejected("the change sets no weight");
        Map<String, Double> next = new LinkedHashMap<>(current.byArm());
        for (var e : requested.entrySet()) {
            String arm = e.getKey();
            Double w = e.getValue();
            if (!next.containsKey(arm)) {
                return new WeightDecision.Rejected("experiment '" + experiment.name() + "' has no arm '" + arm
                        + "' (arms: " + next.keySet() + ")");
            }
            if (w == null || !Double.isFinite(w) || w < 0) {
                return new WeightDecision.Rejected("the weight of '" + arm + "' must be a finite number >= 0, was " + w);
            }
            next.put(arm, w);
        }
        if (next.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            return new WeightDecision.Rejected("the change would leave no arm with traffic: " + next);
        }
        return new WeightDecision.Accepted(new Weights(current.version() + 1, next));
    }
}
