package io.divconq.launcher.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.avro.ArmStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end-of-run summary: per-arm accuracy, cost, tokens and latency, as a table and as JSON. */
public record RunReport(int problemsLoaded, int problemsScored, int deadLettered, boolean simulated,
                        double elapsedSeconds, String priceTableVersion, Map<String, ArmStats> arms) {

    public RunReport {
        arms = new LinkedHashMap<>(arms);
    }

    public static double accuracy(ArmStats a) {
        return a.getLabelled() == 0 ? Double.NaN : (double) a.getCorrect() / a.getLabelled();
    }

    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"arm", "problems", "accuracy", "$ decompose", "$ solve", "$ / problem", "prompt tok", "completion tok",
                "p50 e2e ms", "p95 e2e ms", "dead letters"});
        arms.forEach((name, a) -> rows.add(new String[] {
                name,
                Long.toString(a.getProblems()),
                a.getLabelled() == 0 ? "n/a" : String.format("%.1f%%", 100 * accuracy(a)),
                String.format("%.4f", a.getCostUsdDecompose()),
                String.format("%.4f", a.getCostUsdSolve()),
                a.getProblems() == 0 ? "n/a" : String.format("%.5f", (a.getCostUsdDecompose() + a.getCostUsdSolve()) / a.getProblems()),
                Long.toString(a.getPromptTokens()),
                Long.toString(a.getCompletionTokens()),
                Long.toString(a.getLatencyP50Ms()),
                Long.toString(a.getLatencyP95Ms()),
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
        sb.append(String.format("%d problems loaded, %d scored, %d dead-lettered in %.1f s; prices %s%n",
                problemsLoaded, problemsScored, deadLettered, elapsedSeconds, priceTableVersion));
        if (simulated) {
            sb.append("SIMULATED: answers, accuracy, tokens and latency come from the divconq model simulator, not a real model.\n");
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
        return root;
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }
}
