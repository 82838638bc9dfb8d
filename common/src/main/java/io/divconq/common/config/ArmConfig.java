package io.divconq.common.config;

import io.divconq.avro.SolverMode;
import java.util.List;

/**
 * A decomposer variant under test: which model decomposes, how the solver runs, its share of traffic, and
 * optionally a rollout that raises that share step by step as its verdicts allow.
 */
public record ArmConfig(String name, double weight, String endpoint, String model, SolverMode solverMode, String promptVariant,
                        Rollout rollout) {

    public ArmConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("arm name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if (weight < 0 || Double.isNaN(weight)) throw new ConfigException("arm '" + name + "' has a negative weight");
        solverMode = solverMode == null ? SolverMode.STATIC : solverMode;
        if (solverMode != SolverMode.DIRECT && (model == null || model.isBlank())) {
            throw new ConfigException("arm '" + name + "' needs a decomposer model (or solverMode: direct)");
        }
        endpoint = endpoint == null ? "default" : endpoint;
        promptVariant = promptVariant == null || promptVariant.isBlank() ? "default" : promptVariant;
    }

    /** An arm without a rollout. */
    public ArmConfig(String name, double weight, String endpoint, String model, SolverMode solverMode, String promptVariant) {
        this(name, weight, endpoint, model, solverMode, promptVariant, null);
    }

    public ArmConfig withWeight(double newWeight) {
        return new ArmConfig(name, newWeight, endpoint, model, solverMode, promptVariant, rollout);
    }

    /**
     * Traffic shares the arm is moved through (e.g. 0.01, 0.05, 0.25, 0.5), and the evidence each step needs before
     * the next: at least minResults results assigned under the step's weights (its weight version or later; problems
     * still in flight from the step before do not count), at least minStepMs of time at the step (0 by default; e.g. a
     * day to see a daily cycle), an accuracy verdict EQUIVALENT or BETTER (every
     * accuracy comparison, per dataset where there are several), a cost verdict BETTER when costMustBeBetter, and
     * no guardrail.
     */
    public record Rollout(List<Double> steps, long minResults, Boolean costMustBeBetter, Long minStepMs) {
        public Rollout {
            steps = List.copyOf(steps == null ? List.of() : steps);
            if (steps.isEmpty()) throw new ConfigException("rollout.steps must list at least one traffic share");
            double previous = 0;
            for (double s : steps) {
                if (!(s > previous && s <= 1)) {
                    throw new ConfigException("rollout.steps must rise within (0, 1], e.g. [0.01, 0.05, 0.25, 0.5]; got " + steps);
                }
                previous = s;
            }
            if (minResults < 1) throw new ConfigException("rollout.minResults must be >= 1");
            costMustBeBetter = costMustBeBetter == null || costMustBeBetter;
            minStepMs = minStepMs == null ? 0L : minStepMs;
            if (minStepMs < 0) throw new ConfigException("rollout.minStepMs must be >= 0");
        }
    }
}
