package io.divconq.common.config;

import io.divconq.avro.SolverMode;

/** A decomposer variant under test: which model decomposes, how the solver runs, and its share of traffic. */
public record ArmConfig(String name, double weight, String endpoint, String model, SolverMode solverMode, String promptVariant) {

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

    public ArmConfig withWeight(double newWeight) {
        return new ArmConfig(name, newWeight, endpoint, model, solverMode, promptVariant);
    }
}
