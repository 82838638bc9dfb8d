package io.divconq.common.weights;

import io.divconq.common.config.ExperimentConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An experiment's traffic weights and their version: 0 for the configured weights, one more for every accepted
 * change on the experiment-control topic. Every record carries the version its problem was assigned under.
 */
public record Weights(long version, Map<String, Double> byArm) {

    public Weights {
        byArm = Collections.unmodifiableMap(new LinkedHashMap<>(byArm));
    }

    /** The configured weights, version 0. */
    public static Weights initial(ExperimentConfig experiment) {
        return new Weights(0, experiment.weights());
    }
}
