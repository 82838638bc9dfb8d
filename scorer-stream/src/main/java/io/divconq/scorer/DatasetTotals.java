package io.divconq.scorer;

import io.divconq.avro.DatasetStats;
import io.divconq.avro.Score;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** An arm's totals per dataset (ArmStats.datasets): a score added (sign +1) or taken back (sign −1). */
public final class DatasetTotals {

    private DatasetTotals() {
    }

    /** The per-dataset totals with a scored problem added (+1) or removed (−1). */
    public static Map<String, DatasetStats> add(Map<String, DatasetStats> totals, Score s, int sign) {
        Map<String, DatasetStats> out = new TreeMap<>(totals);
        DatasetStats d = out.getOrDefault(s.getDataset(), DatasetStats.newBuilder().build());
        double cost = s.getCostUsdDecompose() + s.getCostUsdSolve();
        DatasetStats.Builder b = DatasetStats.newBuilder(d)
                .setProblems(d.getProblems() + sign)
                .setCostUsdDecompose(d.getCostUsdDecompose() + sign * s.getCostUsdDecompose())
                .setCostUsdSolve(d.getCostUsdSolve() + sign * s.getCostUsdSolve())
                .setCostSquaresSum(d.getCostSquaresSum() + sign * cost * cost)
                .setPromptTokens(d.getPromptTokens() + sign * (s.getDecomposeUsage().getPromptTokens() + s.getSolveUsage().getPromptTokens()))
                .setCompletionTokens(d.getCompletionTokens()
                        + sign * (s.getDecomposeUsage().getCompletionTokens() + s.getSolveUsage().getCompletionTokens()));
        out.put(s.getDataset(), s.getMetricValue() == null ? b.build() : label(b.build(), s, sign));
        return out;
    }

    /** A label for a problem of the dataset: its value, correctness and every measure. */
    public static Map<String, DatasetStats> addLabel(Map<String, DatasetStats> totals, Score labelled, int sign) {
        Map<String, DatasetStats> out = new TreeMap<>(totals);
        out.put(labelled.getDataset(), label(out.getOrDefault(labelled.getDataset(), DatasetStats.newBuilder().build()), labelled, sign));
        return out;
    }

    private static DatasetStats label(DatasetStats d, Score s, int sign) {
        double v = s.getMetricValue();
        Map<String, Double> sums = new LinkedHashMap<>(d.getMeasureSums() == null ? new HashMap<>() : d.getMeasureSums());
        if (s.getMeasures() != null) s.getMeasures().forEach((m, x) -> sums.merge(m, sign * x, Double::sum));
        return DatasetStats.newBuilder(d)
                .setLabelled(d.getLabelled() + sign)
                .setCorrect(d.getCorrect() + (Boolean.TRUE.equals(s.getCorrect()) ? sign : 0))
                .setMetricSum(d.getMetricSum() + sign * v)
                .setMetricSquaresSum(d.getMetricSquaresSum() + sign * v * v)
                .setMeasureSums(sums)
                .build();
    }
}
