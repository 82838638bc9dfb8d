package io.divconq.decomposer;

import io.divconq.avro.Problem;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.ExperimentConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sticky, weighted assignment of problems to arms: a 64-bit FNV-1a hash of "salt:key" (mixed with the
 * SplitMix64 finaliser) gives a uniform point in [0,1) that falls into an arm's share of the weights.
 * The same key always lands in the same arm while weights stay put; a new salt re-randomises.
 */
public final class ArmAssigner {

    private final String salt;
    private final String keyField;
    private final List<ArmConfig> arms;
    private final double totalWeight;

    public ArmAssigner(ExperimentConfig experiment) {
        this(experiment.salt(), experiment.assignmentKey(), experiment.arms());
    }

    public ArmAssigner(String salt, String keyField, List<ArmConfig> arms) {
        this.salt = salt;
        this.keyField = keyField;
        this.arms = List.copyOf(arms);
        this.totalWeight = arms.stream().mapToDouble(ArmConfig::weight).sum();
        if (!(totalWeight > 0)) throw new IllegalArgumentException("arm weights must add up to more than 0");
    }

    /** Arm name to weight, in configured order. */
    public java.util.Map<String, Double> weights() {
        java.util.Map<String, Double> w = new java.util.LinkedHashMap<>();
        arms.forEach(a -> w.put(a.name(), a.weight()));
        return w;
    }

    /** Whether a key falls in the given share of a named sample, independently of arm assignment (shadow mode). */
    public boolean sampled(String sample, String key, double rate) {
        return rate > 0 && unitInterval(salt + ":" + sample + ":" + key) < rate;
    }

    public ArmConfig assign(Problem problem) {
        return assignKey(assignmentKey(problem));
    }

    /** The problem's id, or the configured attribute (falling back to the id when the problem lacks it). */
    public String assignmentKey(Problem problem) {
        if ("id".equals(keyField)) return problem.getId();
        String value = problem.getAttributes() == null ? null : problem.getAttributes().get(keyField);
        return value == null || value.isEmpty() ? problem.getId() : value;
    }

    public ArmConfig assignKey(String key) {
        double point = unitInterval(salt + ":" + key) * totalWeight;
        double upTo = 0;
        ArmConfig last = null;
        for (ArmConfig arm : arms) {
            if (arm.weight() <= 0) continue;
            upTo += arm.weight();
            last = arm;
            if (point < upTo) return arm;
        }
        return last;
    }

    /** A stable uniform value in [0,1) for a string: same input, same value, on every JVM and version. */
    static double unitInterval(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
