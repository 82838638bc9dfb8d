package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Score;
import java.util.List;

/** Adds scores and dead letters to an arm's running totals (the arm-stats KTable). */
public final class ArmStatsAggregator {

    private ArmStatsAggregator() {
    }

    public static ArmStats empty() {
        return ArmStats.newBuilder().setArm("").setLatencyHistogram(List.of()).build();
    }

    public static ArmStats add(String arm, Score s, ArmStats agg) {
        double cost = s.getCostUsdDecompose() + s.getCostUsdSolve();
        List<Long> histogram = LatencyHistogram.add(agg.getLatencyHistogram(), s.getEndToEndLatencyMs());
        boolean labelled = s.getMetricValue() != null;
        return ArmStats.newBuilder(agg)
                .setArm(arm)
                .setExperiment(s.getExperiment())
                .setProblems(agg.getProblems() + 1)
                .setLabelled(agg.getLabelled() + (labelled ? 1 : 0))
                .setCorrect(agg.getCorrect() + (Boolean.TRUE.equals(s.getCorrect()) ? 1 : 0))
                .setMetricSum(agg.getMetricSum() + (labelled ? s.getMetricValue() : 0.0))
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
                .build();
    }

    public static ArmStats addDeadLetter(String arm, DeadLetter d, ArmStats agg) {
        return ArmStats.newBuilder(agg)
                .setArm(arm)
                .setExperiment(agg.getExperiment() == null ? d.getExperiment() : agg.getExperiment())
                .setDeadLetters(agg.getDeadLetters() + 1)
                .build();
    }
}
