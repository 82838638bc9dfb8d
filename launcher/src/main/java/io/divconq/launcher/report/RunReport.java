package io.divconq.launcher.report;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
import java.util.function.DoubleFunction;

/** The end-of-run summary: per-arm accuracy, cost, tokens and latency, as a table and as JSON. */
public record RunReport(int problemsLoaded, int problemsScored, int deadLettered, boolean simulated,
                        double elapsedSeconds, String priceTableVersion, Map<String, ArmStats> arms,
                        ExperimentResult experiment) {

    public RunReport {
        arms = new LinkedHashMap<>(arms);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : String.format("%.1f%%", 100.0 * part / whole);
    }

    /** Under the table: which columns are totals and which are per problem. */
    static final String LEGEND = """
            totals per arm: problems, total $, dead (dead-lettered); per problem: $/problem, in/out tok(ens)
            """;

    /** Under the latency table: what each latency measures. */
    static final String LATENCY_LEGEND = """
            up to the score: end-to-end from sending a problem, pipeline from the decomposer taking it
            """;

    private static String perProblem(ArmStats a, double total, String format) {
        return a.getProblems() == 0 ? "n/a" : String.format(format, total / a.getProblems());
    }

    /** The per-arm table, at most 100 columns wide for names up to 12 characters, then the latency table. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"arm", "problems", "accuracy", "$/problem", "in tok", "out tok", "total $", "dead"});
        arms.forEach((name, a) -> rows.add(new String[] {
                name,
                Long.toString(a.getProblems()),
                a.getLabelled() == 0 ? "n/a" : String.format("%.1f%%", 100 * ExperimentJson.accuracy(a)),
                perProblem(a, a.getCostUsdDecompose() + a.getCostUsdSolve(), "%.5f"),
                perProblem(a, a.getPromptTokens(), "%.0f"),
                perProblem(a, a.getCompletionTokens(), "%.0f"),
                String.format("%.4f", a.getCostUsdDecompose() + a.getCostUsdSolve()),
                Long.toString(a.getDeadLetters())}));
        StringBuilder sb = new StringBuilder(columns(rows));
        sb.append(LEGEND);
        arms.forEach((name, a) -> sb.append(String.format("%s: accuracy strict %s, flexible %s; failed %d (as wrong), outage %d (apart)%n",
                name, percent(a.getStrictCorrect(), a.getLabelled()), percent(a.getFlexibleCorrect(), a.getLabelled()),
                a.getFailed(), a.getInfrastructureFailures())));
        arms.forEach((name, a) -> sb.append(shadowLine(name, a, experiment)));
        List<String[]> latency = new ArrayList<>();
        latency.add(new String[] {"latency ms", "end-to-end p50", "p95", "pipeline p50", "p95"});
        arms.forEach((name, a) -> latency.add(new String[] {
                name,
                Long.toString(a.getLatencyP50Ms()),
                Long.toString(a.getLatencyP95Ms()),
                pipeline(a, a.getPipelineLatencyP50Ms()),
                pipeline(a, a.getPipelineLatencyP95Ms())}));
        sb.append('\n').append(columns(latency)).append(LATENCY_LEGEND);
        sb.append(String.format("%d problems loaded, %d scored, %d dead-lettered in %.1f s; prices %s%n",
                problemsLoaded, problemsScored, deadLettered, elapsedSeconds, priceTableVersion));
        if (experiment != null && !experiment.getComparisons().isEmpty()) {
            sb.append(String.format("%nverdicts vs control '%s' (always-valid %.0f%% intervals; n: results, treatment vs control):%n", experiment.getControl(),
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

    /** n/a while no problem of the arm has a pipeline latency (records from before Decomposition.takenAtMs). */
    private static String pipeline(ArmStats a, long percentile) {
        return a.getPipelineLatencyHistogram().isEmpty() ? "n/a" : Long.toString(percentile);
    }

    /** Rows as right-aligned columns (the first left-aligned), two spaces apart, the header underlined. */
    private static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            int start = sb.length();
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? String.format("%-" + width[i] + "s", r[i]) : String.format("  %" + width[i] + "s", r[i]));
            }
            sb.append('\n');
            if (k == 0) sb.append("-".repeat(sb.length() - start - 1)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The report as JSON: run totals, each arm in the experiment JSON's terms (ExperimentJson.Arm), the judged
     * experiment whole, and the per-dataset breakdown.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Json(int problemsLoaded, int problemsScored, int deadLettered, boolean simulated, double elapsedS,
                       String priceTableVersion, Map<String, ExperimentJson.Arm> arms, ExperimentJson.Experiment experiment,
                       Map<String, DatasetReport.View> datasets) {
    }

    public Json json() {
        Map<String, ExperimentJson.Arm> armViews = new LinkedHashMap<>();
        arms.forEach((name, a) -> armViews.put(name, ExperimentJson.Arm.of(name, a)));
        return new Json(problemsLoaded, problemsScored, deadLettered, simulated, Math.round(elapsedSeconds * 10) / 10.0,
                priceTableVersion, armViews, experiment == null ? null : ExperimentJson.of(experiment, priceTableVersion),
                DatasetReport.json(arms, experiment));
    }

    /**
     * An arm's shadow runs, when it had any: sampled, skipped (shadow queue full), failed, paired and not in yet (the
     * report is taken when the arms' own results are in; shadow runs may still be running), and how often the pairs
     * agree; on the control that agreement is the control-vs-control baseline.
     */
    static String shadowLine(String name, ArmStats a, ExperimentResult experiment) {
        if (a.getShadowSampled() == 0 && a.getShadowPairs() == 0 && a.getShadowFailures() == 0) return "";
        boolean control = experiment != null && name.equals(experiment.getControl());
        long pending = Math.max(0, a.getShadowSampled() - a.getShadowSkipped() - a.getShadowFailures() - a.getShadowPairs());
        return String.format("%s: shadow %s: %d sampled, %d skipped (queue full), %d failed, %d paired, %d not in yet, agreement %s%n",
                name, control ? "control vs control (baseline)" : "vs control", a.getShadowSampled(), a.getShadowSkipped(),
                a.getShadowFailures(), a.getShadowPairs(), pending, percent(a.getShadowAgreements(), a.getShadowPairs()));
    }

    /**
     * One verdict in under 100 columns: treatment, metric, difference and its interval (same unit), results per
     * side, verdict; when it was first decided goes on a line of its own.
     */
    static String verdictLine(MetricComparison c) {
        boolean accuracy = c.getMetric().equals("accuracy");
        String unit = accuracy ? " pp" : " $";
        DoubleFunction<String> value = accuracy ? v -> String.format("%+.1f", 100 * v) : v -> String.format("%+.6f", v);
        String difference = c.getDifference() == null ? "n/a" : value.apply(c.getDifference()) + unit;
        String interval = c.getLower() == null || c.getUpper() == null ? "[n/a]"
                : "[" + value.apply(c.getLower()) + ", " + value.apply(c.getUpper()) + "]";
        String line = String.format("  %-8s %-20s %12s %-22s  n %d vs %d  %s%n", c.getTreatment(), c.getMetric(), difference,
                interval, c.getTreatmentSamples(), c.getControlSamples(), c.getVerdict());
        return c.getFirstDecidedTreatmentSamples() == null ? line : line + String.format("  %-8s first decided at n %d vs %d%n", "",
                c.getFirstDecidedTreatmentSamples(), c.getFirstDecidedControlSamples());
    }

    public void writeJson(Path file) throws IOException {
        ExperimentJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }
}
