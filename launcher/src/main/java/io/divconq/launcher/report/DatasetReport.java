package io.divconq.launcher.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.MetricComparison;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run broken down by dataset: per dataset and arm the problems, each measure of the dataset's metric averaged
 * over the labelled problems (DROP: em and f1; Bamboogle: em and cover_em; GSM8K: em), the share counted correct,
 * cost and tokens; and the per-dataset verdicts the scorer published.
 */
final class DatasetReport {

    private DatasetReport() {
    }

    static Set<String> datasets(Map<String, ArmStats> arms) {
        Set<String> names = new TreeSet<>();
        arms.values().forEach(a -> names.addAll(a.getDatasets().keySet()));
        return names;
    }

    static ObjectNode json(Map<String, ArmStats> arms, ExperimentResult experiment) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (String dataset : datasets(arms)) {
            DatasetDefinition definition = Datasets.get(dataset);
            ObjectNode d = root.putObject(dataset);
            d.put("metric", definition.metric());
            d.put("value_measure", definition.value());
            d.put("correct_measure", definition.correct());
            ObjectNode armsNode = d.putObject("arms");
            arms.forEach((arm, stats) -> {
                DatasetStats s = stats.getDatasets().get(dataset);
                if (s == null) return;
                ObjectNode n = armsNode.putObject(arm);
                n.put("problems", s.getProblems());
                n.put("labelled", s.getLabelled());
                n.put("correct", s.getCorrect());
                for (String measure : new TreeSet<>(definition.scorer().measures())) {
                    if (s.getLabelled() == 0) n.putNull(measure);
                    else n.put(measure, s.getMeasureSums().getOrDefault(measure, 0.0) / s.getLabelled());
                }
                if (s.getLabelled() == 0) n.putNull("accuracy"); else n.put("accuracy", (double) s.getCorrect() / s.getLabelled());
                n.put("cost_usd_decompose", s.getCostUsdDecompose());
                n.put("cost_usd_solve", s.getCostUsdSolve());
                if (s.getProblems() == 0) n.putNull("cost_usd_per_problem");
                else n.put("cost_usd_per_problem", (s.getCostUsdDecompose() + s.getCostUsdSolve()) / s.getProblems());
                n.put("prompt_tokens", s.getPromptTokens());
                n.put("completion_tokens", s.getCompletionTokens());
            });
            var verdicts = d.putArray("verdicts");
            for (MetricComparison c : comparisons(experiment, dataset)) {
                verdicts.add(io.divconq.dashboard.ExperimentJson.MAPPER.valueToTree(io.divconq.dashboard.ExperimentJson.Comparison.of(c)));
            }
        }
        return root;
    }

    /** The per-dataset table and verdicts; empty when the run saw a single dataset (the arm table says it all). */
    static String table(Map<String, ArmStats> arms, ExperimentResult experiment) {
        Set<String> datasets = datasets(arms);
        if (datasets.size() < 2) return "";
        StringBuilder sb = new StringBuilder("\nper dataset (measures averaged over labelled problems; correct = share judged correct):\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"dataset", "arm", "problems", "measures", "correct", "$/problem"});
        for (String dataset : datasets) {
            DatasetDefinition definition = Datasets.get(dataset);
            arms.forEach((arm, stats) -> {
                DatasetStats s = stats.getDatasets().get(dataset);
                if (s == null) return;
                StringBuilder measures = new StringBuilder();
                for (String m : new TreeSet<>(definition.scorer().measures())) {
                    if (measures.length() > 0) measures.append(' ');
                    measures.append(m).append(' ').append(s.getLabelled() == 0 ? "n/a"
                            : String.format("%.1f", 100 * s.getMeasureSums().getOrDefault(m, 0.0) / s.getLabelled()));
                }
                rows.add(new String[] {dataset, arm, Long.toString(s.getProblems()), measures.toString(),
                        s.getLabelled() == 0 ? "n/a" : String.format("%.1f%%", 100.0 * s.getCorrect() / s.getLabelled()),
                        s.getProblems() == 0 ? "n/a" : String.format("%.5f", (s.getCostUsdDecompose() + s.getCostUsdSolve()) / s.getProblems())});
            });
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i < 2 || i == 3 ? String.format("%-" + width[i] + "s  ", r[i]) : String.format("%" + width[i] + "s  ", r[i]));
            }
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        if (experiment != null) {
            for (String dataset : datasets) {
                List<MetricComparison> cs = comparisons(experiment, dataset);
                if (cs.isEmpty()) continue;
                sb.append(String.format("verdicts on %s (accuracy = mean %s):%n", dataset, Datasets.get(dataset).value()));
                cs.forEach(c -> sb.append(RunReport.verdictLine(c)));
            }
        }
        return sb.toString();
    }

    private static List<MetricComparison> comparisons(ExperimentResult experiment, String dataset) {
        return experiment == null ? List.of()
                : experiment.getComparisons().stream().filter(c -> dataset.equals(c.getDataset())).toList();
    }
}
