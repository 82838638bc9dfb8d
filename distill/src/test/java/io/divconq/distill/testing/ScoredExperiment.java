package io.divconq.distill.testing;

import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorer's view of a teacher-vs-student experiment, as the rollout controller reads it: accepted weight changes
 * (each one a new weight version), student results counted by the version they were assigned under (the teacher
 * gets nine for each), and the verdicts to report.
 */
public final class ScoredExperiment {

    private final List<ExperimentControl> changes = new ArrayList<>();
    private final Map<String, Long> studentByVersion = new LinkedHashMap<>();
    private final Map<String, Double> weights = new LinkedHashMap<>(Map.of("teacher", 99.0, "student", 0.0));
    private long version;

    /** Accepts a weight change as the scorer does: the weights it names change, and the version goes up by one. */
    public ScoredExperiment accept(ExperimentControl change) {
        changes.add(change);
        weights.putAll(change.getWeights());
        version++;
        return this;
    }

    public long version() {
        return version;
    }

    /** {@code n} student results assigned under the current weights. */
    public ScoredExperiment scored(long n) {
        return scoredAt(version, n);
    }

    /** {@code n} student results assigned under an earlier version (in flight when the weights changed). */
    public ScoredExperiment scoredAt(long assignedVersion, long n) {
        studentByVersion.merge(Long.toString(assignedVersion), n, Long::sum);
        return this;
    }

    public ExperimentResult result(String accuracyVerdict, String costVerdict, List<GuardrailEvent> guardrails) {
        long student = studentByVersion.values().stream().mapToLong(Long::longValue).sum();
        return ExperimentResult.newBuilder().setExperiment("teacher-vs-student").setControl("teacher").setUpdatedAtMs(0)
                .setAlpha(0.05).setEquivalenceMargin(0.02).setWeights(new LinkedHashMap<>(weights)).setWeightVersion(version)
                .setWeightChanges(new ArrayList<>(changes))
                .setArms(List.of(arm("teacher", student * 9, Map.of()), arm("student", student, studentByVersion)))
                .setComparisons(List.of(comparison("accuracy", accuracyVerdict, -0.005, -0.015, 0.005),
                        comparison("cost_per_problem_usd", costVerdict, -0.0002, -0.00025, -0.00015)))
                .setGuardrails(guardrails).build();
    }

    public ExperimentResult favourable() {
        return result("EQUIVALENT", "BETTER", List.of());
    }

    private static ArmResult arm(String name, long problems, Map<String, Long> byVersion) {
        return ArmResult.newBuilder().setArm(name).setStats(ArmStats.newBuilder().setArm(name).setProblems(problems)
                .setAssignedByVersion(new LinkedHashMap<>(byVersion)).build()).build();
    }

    public static MetricComparison comparison(String metric, String verdict, double diff, double lower, double upper) {
        return MetricComparison.newBuilder().setTreatment("student").setMetric(metric).setVerdict(verdict).setDifference(diff)
                .setLower(lower).setUpper(upper).setTreatmentSamples(100).setControlSamples(900).build();
    }
}
