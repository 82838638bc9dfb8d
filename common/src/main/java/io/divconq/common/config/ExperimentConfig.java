package io.divconq.common.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An A/B experiment over decomposers: a control arm, treatment arms and weights.
 * The salt makes assignment independent across experiments; assignmentKey is "id" or a problem attribute.
 */
public record ExperimentConfig(String name, String salt, String assignmentKey, String control, List<ArmConfig> arms) {

    public ExperimentConfig {
        if (name == null || name.isBlank()) throw new ConfigException("experiment.name is required");
        salt = salt == null ? name : salt;
        assignmentKey = assignmentKey == null || assignmentKey.isBlank() ? "id" : assignmentKey;
        arms = List.copyOf(arms == null ? List.of() : arms);
        if (arms.isEmpty()) throw new ConfigException("experiment.arms must list at least one arm");
        Set<String> names = new HashSet<>();
        for (ArmConfig arm : arms) {
            if (!names.add(arm.name())) throw new ConfigException("arm '" + arm.name() + "' is listed twice");
        }
        if (arms.stream().mapToDouble(ArmConfig::weight).sum() <= 0) {
            throw new ConfigException("experiment arms' weights must add up to more than 0");
        }
        control = control == null || control.isBlank() ? arms.get(0).name() : control;
        if (!names.contains(control)) throw new ConfigException("experiment.control '" + control + "' is not an arm");
    }

    public Optional<ArmConfig> arm(String armName) {
        return arms.stream().filter(a -> a.name().equals(armName)).findFirst();
    }

    public ExperimentConfig withArms(List<ArmConfig> newArms) {
        return new ExperimentConfig(name, salt, assignmentKey, control, newArms);
    }
}
