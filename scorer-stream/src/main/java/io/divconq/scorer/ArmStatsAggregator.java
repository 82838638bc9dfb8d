package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Score;
import io.divconq.avro.ShadowPair;
import java.util.List;

/** Adds what happens to an arm's problems to its running totals (arm-stats, cumulative and per window). */
public final class ArmStatsAggregator {

    private ArmStatsAggregator() {
    }

    public static ArmStats empty() {
        return ArmStats.newBuilder().setArm("").setLatencyHistogram(List.of()).build();
    }

    /** A scored problem of the arm (not a shadow run). */
    public static ArmStats add(String arm, Score s, ArmStats agg) {
        double cost = s.getCostUsdDecompose() + s.getCostUsdSolve();
        List<Long> histogram = LatencyHistogram.add(agg.getLatencyHistogram(), s.getEndToEndLatencyMs());
        ArmStats.Builder b = ArmStats.newBuilder(agg)
                .setArm(arm)
                .setExperiment(s.getExperiment())
                .setProblems(agg.getProblems() + 1)
                .setCostUsdDecompose(agg.getCostUsdDecompose() + s.getCostUsdDecompose())
                .setCostUsdSolve(agg.getCostUsdSolve() + s.getCostUsdSolve())
                .setCostSquaresSum(agg.getCostSquaresSum() + cost * cost)
                .setPromptTokens(agg.getPromptTokens() + s.getDecomposeUsage().getPromptTokens() + s.getSolveUsage().getPromptTokens())
                .setCompletionTokens(agg.getCompletionTokens() + s.getDecomposeUsage().getCompletionTokens()
                        + s.getSolveUsage().getCompletionTokens())
                .setSimulatedProblems(agg.getSimulatedProblems() + (s.getSimulated() ? 1 : 0))
                .setLatencyHistogram(histogram)
                .setLatencyP50Ms(LatencyHistogram.quantile(histogram, 0.50))
                .setLatencyP95Ms(LatencyHistogram.quantile(histogram, 0.95))
                .setLatencyP99Ms(LatencyHistogram.quantile(histogram, 0.99))
                .setFirstScoredAtMs(agg.getFirstScoredAtMs() == 0 ? s.getScoredAtMs() : Math.min(agg.getFirstScoredAtMs(), s.getScoredAtMs()))
                .setLastScoredAtMs(Math.max(agg.getLastScoredAtMs(), s.getScoredAtMs()))
                .setDatasets(DatasetTotals.add(agg.getDatasets(), s, +1));
        if (s.getMetricValue() != null) label(b, agg, s.getMetricValue(), Boolean.TRUE.equals(s.getCorrect()), false);
        return b.build();
    }

    /** A label that arrived later (feedback topic) for a problem of the arm scored without gold. */
    public static ArmStats addLabel(String arm, Score labelled, ArmStats agg) {
        ArmStats.Builder b = ArmStats.newBuilder(agg).setArm(arm).setExperiment(labelled.getExperiment())
                .setDatasets(DatasetTotals.addLabel(agg.getDatasets(), labelled, +1));
        label(b, agg, labelled.getMetricValue(), Boolean.TRUE.equals(labelled.getCorrect()), true);
        return b.build();
    }

    private static void label(ArmStats.Builder b, ArmStats agg, double value, boolean correct, boolean byFeedback) {
        b.setLabelled(agg.getLabelled() + 1)
                .setCorrect(agg.getCorrect() + (correct ? 1 : 0))
                .setMetricSum(agg.getMetricSum() + value)
                .setMetricSquaresSum(agg.getMetricSquaresSum() + value * value)
                .setLabelledByFeedback(agg.getLabelledByFeedback() + (byFeedback ? 1 : 0));
    }

    public static ArmStats addDeadLetter(String arm, DeadLetter d, ArmStats agg) {
        return ArmStats.newBuilder(agg)
                .setArm(arm)
                .setExperiment(agg.getExperiment() == null ? d.getExperiment() : agg.getExperiment())
                .setDeadLetters(agg.getDeadLetters() + 1)
                .build();
    }

    /** A shadow run (the control's decomposition of this arm's problem): its cost is kept apart. */
    public static ArmStats addShadowCost(String arm, Score shadow, ArmStats agg) {
        return ArmStats.newBuilder(agg)
                .setArm(arm)
                .setExperiment(shadow.getExperiment())
                .setShadowCostUsd(agg.getShadowCostUsd() + shadow.getCostUsdDecompose() + shadow.getCostUsdSolve())
                .build();
    }

    public static ArmStats addShadowPair(String arm, ShadowPair pair, ArmStats agg) {
        return ArmStats.newBuilder(agg)
                .setArm(arm)
                .setShadowPairs(agg.getShadowPairs() + 1)
                .setShadowAgreements(agg.getShadowAgreements() + (pair.getAgree() ? 1 : 0))
                .build();
    }
}
