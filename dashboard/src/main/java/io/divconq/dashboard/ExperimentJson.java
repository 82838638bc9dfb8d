package io.divconq.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import io.divconq.avro.SrmCheck;
import java.util.Map;

/** An experiment result as the dashboard's JSON (snake_case; null where a value is not defined yet). */
public final class ExperimentJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ExperimentJson() {
    }

    public static ObjectNode of(ExperimentResult r, String priceTableVersion) {
        ObjectNode root = JSON.objectNode();
        root.put("experiment", r.getExperiment());
        root.put("control", r.getControl());
        root.put("updated_at_ms", r.getUpdatedAtMs());
        root.put("simulated", simulated(r));
        root.put("price_table_version", priceTableVersion);
        root.put("alpha", r.getAlpha());
        root.put("equivalence_margin", r.getEquivalenceMargin());
        root.set("weights", doubles(r.getWeights()));
        ArrayNode arms = root.putArray("arms");
        for (ArmResult a : r.getArms()) arms.add(arm(a, r));
        ArrayNode comparisons = root.putArray("comparisons");
        for (MetricComparison c : r.getComparisons()) comparisons.add(comparison(c));
        root.set("srm", srm(r.getSrm()));
        ArrayNode guardrails = root.putArray("guardrails");
        for (GuardrailEvent g : r.getGuardrails()) {
            ObjectNode n = guardrails.addObject();
            n.put("arm", g.getArm());
            n.put("rule", g.getRule());
            n.put("reason", g.getReason());
            n.put("at_ms", g.getAtMs());
        }
        ArrayNode changes = root.putArray("weight_changes");
        for (ExperimentControl c : r.getWeightChanges()) {
            ObjectNode n = changes.addObject();
            n.put("at_ms", c.getAtMs());
            n.set("weights", doubles(c.getWeights()));
            n.put("reason", c.getReason());
            n.put("source", c.getSource());
        }
        return root;
    }

    static ObjectNode arm(ArmResult a, ExperimentResult r) {
        ArmStats s = a.getStats();
        ObjectNode n = JSON.objectNode();
        n.put("arm", a.getArm());
        n.put("role", a.getArm().equals(r.getControl()) ? "control" : "treatment");
        putNullable(n, "weight", r.getWeights().get(a.getArm()));
        n.put("problems", s.getProblems());
        n.put("labelled", s.getLabelled());
        putNullable(n, "label_coverage", ratio(s.getLabelled(), s.getProblems()));
        n.put("correct", s.getCorrect());
        putNullable(n, "accuracy", accuracy(s));
        n.set("accuracy_ci", pair(a.getAccuracyLower(), a.getAccuracyUpper()));
        double cost = s.getCostUsdDecompose() + s.getCostUsdSolve();
        n.put("cost_usd_decompose", s.getCostUsdDecompose());
        n.put("cost_usd_solve", s.getCostUsdSolve());
        putNullable(n, "cost_per_problem_usd", s.getProblems() == 0 ? null : cost / s.getProblems());
        putNullable(n, "cost_per_correct_usd", costPerCorrect(s));
        n.put("prompt_tokens", s.getPromptTokens());
        n.put("completion_tokens", s.getCompletionTokens());
        n.put("latency_p50_ms", s.getLatencyP50Ms());
        n.put("latency_p95_ms", s.getLatencyP95Ms());
        n.put("latency_p99_ms", s.getLatencyP99Ms());
        n.put("dead_letters", s.getDeadLetters());
        putNullable(n, "dead_letter_rate", ratio(s.getDeadLetters(), s.getProblems() + s.getDeadLetters()));
        n.set("datasets", datasets(s));
        if (s.getShadowPairs() == 0) {
            n.putNull("shadow");
        } else {
            ObjectNode sh = n.putObject("shadow");
            sh.put("pairs", s.getShadowPairs());
            sh.put("agreements", s.getShadowAgreements());
            sh.put("agreement", (double) s.getShadowAgreements() / s.getShadowPairs());
            sh.set("agreement_ci", pair(a.getAgreementLower(), a.getAgreementUpper()));
            sh.put("cost_usd", s.getShadowCostUsd());
        }
        return n;
    }

    /** Accuracy (mean metric) over labelled problems, or null when none is labelled. */
    public static Double accuracy(ArmStats s) {
        return s.getLabelled() == 0 ? null : s.getMetricSum() / s.getLabelled();
    }

    /** Expected dollars per correct answer: cost per problem divided by accuracy. */
    public static Double costPerCorrect(ArmStats s) {
        Double acc = accuracy(s);
        if (acc == null || acc == 0 || s.getProblems() == 0) return null;
        return (s.getCostUsdDecompose() + s.getCostUsdSolve()) / s.getProblems() / acc;
    }

    /** Per dataset: problems, labelled, correct, accuracy (mean value measure), each measure's mean, cost per problem. */
    static ObjectNode datasets(ArmStats s) {
        ObjectNode out = JSON.objectNode();
        s.getDatasets().forEach((name, d) -> {
            ObjectNode n = out.putObject(name);
            n.put("problems", d.getProblems());
            n.put("labelled", d.getLabelled());
            n.put("correct", d.getCorrect());
            putNullable(n, "accuracy", d.getLabelled() == 0 ? null : d.getMetricSum() / d.getLabelled());
            ObjectNode measures = n.putObject("measures");
            new java.util.TreeMap<>(d.getMeasureSums()).forEach((m, sum) -> putNullable(measures, m, d.getLabelled() == 0 ? null : sum / d.getLabelled()));
            putNullable(n, "cost_per_problem_usd", d.getProblems() == 0 ? null : (d.getCostUsdDecompose() + d.getCostUsdSolve()) / d.getProblems());
        });
        return out;
    }

    static ObjectNode comparison(MetricComparison c) {
        ObjectNode n = JSON.objectNode();
        n.put("treatment", c.getTreatment());
        if (c.getDataset() == null) n.putNull("dataset"); else n.put("dataset", c.getDataset());
        n.put("metric", c.getMetric());
        putNullable(n, "treatment_mean", c.getTreatmentMean());
        putNullable(n, "control_mean", c.getControlMean());
        putNullable(n, "difference", c.getDifference());
        putNullable(n, "relative_difference", c.getRelativeDifference());
        n.set("ci", pair(c.getLower(), c.getUpper()));
        n.put("verdict", c.getVerdict());
        n.put("samples_treatment", c.getTreatmentSamples());
        n.put("samples_control", c.getControlSamples());
        if (c.getFirstDecidedAtMs() == null) {
            n.putNull("first_decided");
        } else {
            ObjectNode first = n.putObject("first_decided");
            first.put("at_ms", c.getFirstDecidedAtMs());
            first.put("samples_treatment", c.getFirstDecidedTreatmentSamples());
            first.put("samples_control", c.getFirstDecidedControlSamples());
        }
        return n;
    }

    static ObjectNode srm(SrmCheck srm) {
        if (srm == null) return null;
        ObjectNode n = JSON.objectNode();
        n.put("chi_square", srm.getChiSquare());
        n.put("degrees_of_freedom", srm.getDegreesOfFreedom());
        n.put("p_value", srm.getPValue());
        n.put("mismatch", srm.getMismatch());
        ObjectNode observed = n.putObject("observed");
        srm.getObserved().forEach(observed::put);
        n.set("expected_share", doubles(srm.getExpectedShare()));
        return n;
    }

    public static boolean simulated(ExperimentResult r) {
        return !r.getArms().isEmpty() && r.getArms().stream().allMatch(a ->
                a.getStats().getProblems() > 0 && a.getStats().getSimulatedProblems() == a.getStats().getProblems());
    }

    static ArrayNode pair(Double lower, Double upper) {
        ArrayNode a = JSON.arrayNode();
        if (lower == null) a.addNull(); else a.add(lower);
        if (upper == null) a.addNull(); else a.add(upper);
        return a;
    }

    private static ObjectNode doubles(Map<String, Double> m) {
        ObjectNode n = JSON.objectNode();
        m.forEach(n::put);
        return n;
    }

    private static Double ratio(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }

    /** Puts a number, or null when it is missing or not finite (JSON has no NaN or infinity). */
    public static void putNullable(ObjectNode n, String field, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) n.putNull(field); else n.put(field, v);
    }
}
