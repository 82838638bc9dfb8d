package io.divconq.launcher.report;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.MetricComparison;
import io.divconq.dashboard.ExperimentJson;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.Datasets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run broken down by dataset: per dataset and arm the problems, each measure of the dataset's metric averaged
 * over the labelled problems (DROP: em and f1; Bamboogle: em and cover_em; GSM8K: em), the share counted correct,
 * cost and tokens (each arm in the experiment JSON's terms, {@link ExperimentJson.Dataset}); and the per-dataset
 * verdicts the scorer published.
 */
final class DatasetReport {

    private DatasetReport() {
    }

    /** One dataset in the report JSON: its metric and measures, each arm on it, and the verdicts about it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record View(String metric, String valueMeasure, String correctMeasure, Map<String, ExperimentJson.Dataset> arms,
                List<ExperimentJson.Comparison> verdicts) {
    }

    static Set<String> datasets(Map<String, ArmStats> arms) {
        Set<String> names = new TreeSet<>();
        arms.values().forEach(a -> names.addAll(a.getDatasets().keySet()));
        return names;
    }

    static Map<String, View> json(Map<String, ArmStats> arms, ExperimentResult experiment) {
        Map<String, View> out = new TreeMap<>();
        for (String dataset : datasets(arms)) {
            DatasetDefinition definition = Datasets.get(dataset);
            out.put(dataset, new View(definition.metric(), definition.value(), definition.correct(), onDataset(arms, dataset),
                    comparisons(experiment, dataset).stream().map(ExperimentJson.Comparison::of).toList()));
        }
        return out;
    }

    /** Each arm that saw the dataset, in the arms' order. */
    private static Map<String, ExperimentJson.Dataset> onDataset(Map<String, ArmStats> arms, String dataset) {
        Map<String, ExperimentJson.Dataset> out = new LinkedHashMap<>();
        arms.forEach((arm, stats) -> {
            DatasetStats s = stats.getDatasets().get(dataset);
            if (s != null) out.put(arm, ExperimentJson.Dataset.of(s));
        });
        return out;
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
            onDataset(arms, dataset).forEach((arm, d) -> {
                StringBuilder measures = new StringBuilder();
                for (String m : new TreeSet<>(definition.scorer().measures())) {
                    if (measures.length() > 0) measures.append(' ');
                    Double mean = d.labelled() == 0 ? null : d.measures().getOrDefault(m, 0.0);
                    measures.append(m).append(' ').append(mean == null ? "n/a" : String.format("%.1f", 100 * mean));
                }
                rows.add(new String[] {dataset, arm, Long.toString(d.problems()), measures.toString(),
                        d.correctShare() == null ? "n/a" : String.format("%.1f%%", 100 * d.correctShare()),
                        d.costPerProblemUsd() == null ? "n/a" : String.format("%.5f", d.costPerProblemUsd())});
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
