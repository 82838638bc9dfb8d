package io.divconq.scorer;

import io.divconq.avro.DatasetStats;
import io.divconq.avro.Score;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An arm's totals per dataset (ArmStats.datasets): a score added (sign +1) or taken back (sign −1). Gold labels fill
 * labelled / correct / metric sums, feedback labels the feedback* fields.
 */
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
        DatasetStats unlabelled = b.build();
        if (s.getMetricValue() == null) out.put(s.getDataset(), unlabelled);
        else out.put(s.getDataset(), "feedback".equals(s.getLabelSource()) ? feedback(unlabelled, s, sign) : label(unlabelled, s, sign));
        return out;
    }

    /** A feedback label, kept apart from gold (which alone fills labelled, correct, metric and measure sums). */
    private static DatasetStats feedback(DatasetStats d, Score s, int sign) {
        double v = s.getMetricValue();
        return DatasetStats.newBuilder(d)
                .setFeedbackLabelled(d.getFeedbackLabelled() + sign)
                .setFeedbackCorrect(d.getFeedbackCorrect() + (Boolean.TRUE.equals(s.getCorrect()) ? sign : 0))
                .setFeedbackMetricSum(d.getFeedbackMetricSum() + sign * v)
                .setFeedbackMetricSquaresSum(Math.max(0.0, d.getFeedbackMetricSquaresSum() + sign * v * v))
                .build();
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
