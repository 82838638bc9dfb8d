package io.divconq.launcher.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.MetricComparison;
import io.divconq.dashboard.ExperimentJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end-of-run summary: per-arm accuracy, cost, tokens and latency, as a table and as JSON. */
public record RunReport(int problemsLoaded, int problemsScored, int deadLettered, boolean simulated,
                        double elapsedSeconds, String priceTableVersion, Map<String, ArmStats> arms,
                        ExperimentResult experiment) {

    public RunReport {
        arms = new LinkedHashMap<>(arms);
    }

    public static double accuracy(ArmStats a) {
        return a.getLabelled() == 0 ? Double.NaN : (double) a.getCorrect() / a.getLabelled();
    }

    /** Under the table: which columns are totals and which are per problem. */
    static final String LEGEND = """
            totals per arm: problems, total $, dead (dead-lettered); per problem: $/problem, in/out tok(ens)
            p50/p95: end-to-end latency in ms, from sending a problem to its score
            """;

    private static String perProblem(ArmStats a, double total, String format) {
        return a.getProblems() == 0 ? "n/a" : String.format(format, total / a.getProblems());
    }

    /** The per-arm table, at most 100 columns wide for names up to 12 characters. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"arm", "problems", "accuracy", "$/problem", "in tok", "out tok", "p50 ms", "p95 ms",
                "total $", "dead"});
        arms.forEach((name, a) -> rows.add(new String[] {
                name,
                Long.toString(a.getProblems()),
                a.getLabelled() == 0 ? "n/a" : String.format("%.1f%%", 100 * accuracy(a)),
                perProblem(a, a.getCostUsdDecompose() + a.getCostUsdSolve(), "%.5f"),
                perProblem(a, a.getPromptTokens(), "%.0f"),
                perProblem(a, a.getCompletionTokens(), "%.0f"),
                Long.toString(a.getLatencyP50Ms()),
                Long.toString(a.getLatencyP95Ms()),
                String.format("%.4f", a.getCostUsdDecompose() + a.getCostUsdSolve()),
                Long.toString(a.getDeadLetters())}));
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? String.format("%-" + width[i] + "s", r[i]) : String.format("  %" + width[i] + "s", r[i]));
            }
            sb.append('\n');
            if (k == 0) sb.append("-".repeat(sb.length() - 1)).append('\n');
        }
        sb.append(LEGEND);
        sb.append(String.format("%d problems loaded, %d scored, %d dead-lettered in %.1f s; prices %s%n",
                problemsLoaded, problemsScored, deadLettered, elapsedSeconds, priceTableVersion));
        if (experiment != null && !experiment.getComparisons().isEmpty()) {
            sb.append(String.format("%nverdicts vs control '%s' (always-valid %.0f%% intervals):%n", experiment.getControl(),
                    100 * (1 - experiment.getAlpha())));
            for (MetricComparison c : experiment.getComparisons()) {
                if (c.getDataset() == null) sb.append(verdictLine(c));
            }
            if (experiment.getSrm() != null) {
                sb.append(String.format("  sample ratio: %s (p = %.3g)%n", experiment.getSrm().getMismatch() ? "MISMATCH" : "ok",
                        experiment.getSrm().getPValue()));
            }
            experiment.getGuardrails().forEach(g -> sb.append("  guardrail on ").append(g.getArm()).append(": ").append(g.getReason()).append('\n'));
        }
        sb.append(DatasetReport.table(arms, experiment));
        if (simulated) {
            sb.append("SIMULATED: answers, accuracy, tokens and latency come from the model simulator, not a real model.\n");
        }
        return sb.toString();
    }

    public ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("problems_loaded", problemsLoaded);
        root.put("problems_scored", problemsScored);
        root.put("dead_lettered", deadLettered);
        root.put("simulated", simulated);
        root.put("elapsed_s", Math.round(elapsedSeconds * 10) / 10.0);
        root.put("price_table_version", priceTableVersion);
        ObjectNode armsNode = root.putObject("arms");
        arms.forEach((name, a) -> {
            ObjectNode n = armsNode.putObject(name);
            n.put("problems", a.getProblems());
            n.put("labelled", a.getLabelled());
            n.put("correct", a.getCorrect());
            if (a.getLabelled() > 0) n.put("accuracy", accuracy(a)); else n.putNull("accuracy");
            n.put("cost_usd_decompose", a.getCostUsdDecompose());
            n.put("cost_usd_solve", a.getCostUsdSolve());
            n.put("prompt_tokens", a.getPromptTokens());
            n.put("completion_tokens", a.getCompletionTokens());
            n.put("latency_p50_ms", a.getLatencyP50Ms());
            n.put("latency_p95_ms", a.getLatencyP95Ms());
            n.put("dead_letters", a.getDeadLetters());
            n.put("simulated", a.getSimulatedProblems() > 0 && a.getSimulatedProblems() == a.getProblems());
        });
        if (experiment != null) {
            ArrayNode verdicts = root.putArray("verdicts");
            for (MetricComparison c : experiment.getComparisons()) {
                if (c.getDataset() == null) verdictJson(verdicts.addObject(), c, experiment.getControl());
            }
            if (experiment.getSrm() != null) {
                root.putObject("srm").put("p_value", experiment.getSrm().getPValue()).put("mismatch", experiment.getSrm().getMismatch());
            }
        }
        root.set("datasets", DatasetReport.json(arms, experiment));
        return root;
    }

    /** One verdict as a table line: treatment, metric, difference, interval, samples, verdict. */
    static String verdictLine(MetricComparison c) {
        boolean accuracy = c.getMetric().equals("accuracy");
        return String.format("  %-10s %-22s %s  interval %s  after %d vs %d  ->  %s%s%n", c.getTreatment(), c.getMetric(),
                accuracy ? points(c.getDifference()) : usd(c.getDifference()),
                accuracy ? "[" + points(c.getLower()) + ", " + points(c.getUpper()) + "]" : "[" + usd(c.getLower()) + ", " + usd(c.getUpper()) + "]",
                c.getTreatmentSamples(), c.getControlSamples(), c.getVerdict(),
                c.getFirstDecidedTreatmentSamples() == null ? "" : String.format(" (first decided after %d vs %d)",
                        c.getFirstDecidedTreatmentSamples(), c.getFirstDecidedControlSamples()));
    }

    /** One verdict as JSON. */
    static void verdictJson(ObjectNode v, MetricComparison c, String control) {
        v.put("treatment", c.getTreatment());
        v.put("control", control);
        v.put("metric", c.getMetric());
        ExperimentJson.putNullable(v, "difference", c.getDifference());
        ExperimentJson.putNullable(v, "ci_lower", c.getLower());
        ExperimentJson.putNullable(v, "ci_upper", c.getUpper());
        v.put("verdict", c.getVerdict());
        if (c.getFirstDecidedTreatmentSamples() != null) {
            v.put("first_decided_after_treatment", c.getFirstDecidedTreatmentSamples());
            v.put("first_decided_after_control", c.getFirstDecidedControlSamples());
        }
    }

    private static String points(Double v) {
        return v == null ? "n/a" : String.format("%+.1f pp", 100 * v);
    }

    private static String usd(Double v) {
        return v == null ? "n/a" : String.format("%+.6f $", v);
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }
}
