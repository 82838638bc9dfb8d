package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.Score;
import io.divconq.avro.ShadowPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals of an arm's problems, one final score per problem (intention to treat). {@link #add} and
 * {@link #subtract} are the adder and subtractor of a table aggregate over the latest score per problem, so a replay
 * that replaces a failed score, or a label that arrives later, counts the problem once.
 *
 * <p>Failed scores count in the accuracy denominator (as not correct) and in cost; infrastructure failures are counted
 * apart and left out of both. Gold and feedback labels are kept apart.
 */
public final class ArmStatsAggregator {

    private ArmStatsAggregator() {
    }

    public static ArmStats empty() {
        return ArmStats.newBuilder().setArm("").setLatencyHistogram(List.of()).setPipelineLatencyHistogram(List.of()).build();
    }

    /** A problem's (latest) score joins the arm's totals. */
    public static ArmStats add(String arm, Score s, ArmStats agg) {
        return apply(arm, s, agg, 1);
    }

    /** A problem's earlier score leaves the arm's totals (it was replaced). */
    public static ArmStats subtract(String arm, Score s, ArmStats agg) {
        return apply(arm, s, agg, -1);
    }

    private static ArmStats apply(String arm, Score s, ArmStats agg, int sign) {
        ArmStats.Builder b = ArmStats.newBuilder(agg).setArm(arm)
                .setExperiment(s.getExperiment() != null ? s.getExperiment() : agg.getExperiment())
                .setProblems(agg.getProblems() + sign)
                .setShadowSampled(agg.getShadowSampled() + (s.getShadowSampled() ? sign : 0))
                .setShadowSkipped(agg.getShadowSkipped() + (s.getShadowSkipped() ? sign : 0))
                .setAssignedByVersion(plus(agg.getAssignedByVersion(), Long.toString(s.getWeightVersion()), sign));
        boolean infrastructure = s.getFailed() && s.getInfrastructureFailure();
        if (s.getFailed()) {
            b.setDeadLetters(agg.getDeadLetters() + sign)
                    .setFailuresByKind(plus(agg.getFailuresByKind(), String.valueOf(s.getFailureKind()), sign));
            if (infrastructure) b.setInfrastructureFailures(agg.getInfrastructureFailures() + sign);
            else b.setFailed(agg.getFailed() + sign);
        }
        if (!infrastructure) {
            cost(b, agg, s, sign);
            label(b, agg, s, sign);
            b.setDatasets(DatasetTotals.add(agg.getDatasets(), s, sign));
        }
        if (sign > 0) {
            List<Long> histogram = LatencyHistogram.add(agg.getLatencyHistogram(), s.getEndToEndLatencyMs());
            b.setLatencyHistogram(histogram)
                    .setFirstScoredAtMs(agg.getFirstScoredAtMs() == 0 ? s.getScoredAtMs() : Math.min(agg.getFirstScoredAtMs(), s.getScoredAtMs()))
                    .setLastScoredAtMs(Math.max(agg.getLastScoredAtMs(), s.getScoredAtMs()));
        } else {
            b.setLatencyHistogram(LatencyHistogram.remove(agg.getLatencyHistogram(), s.getEndToEndLatencyMs()));
        }
        if (s.getPipelineLatencyMs() != null) {
            b.setPipelineLatencyHistogram(sign > 0
                    ? LatencyHistogram.add(agg.getPipelineLatencyHistogram(), s.getPipelineLatencyMs())
                    : LatencyHistogram.remove(agg.getPipelineLatencyHistogram(), s.getPipelineLatencyMs()));
        }
        List<Long> histogram = b.getLatencyHistogram();
        List<Long> pipeline = b.getPipelineLatencyHistogram();
        return b.setLatencyP50Ms(LatencyHistogram.quantile(histogram, 0.50))
                .setLatencyP95Ms(LatencyHistogram.quantile(histogram, 0.95))
                .setLatencyP99Ms(LatencyHistogram.quantile(histogram, 0.99))
                .setPipelineLatencyP50Ms(LatencyHistogram.quantile(pipeline, 0.50))
                .setPipelineLatencyP95Ms(LatencyHistogram.quantile(pipeline, 0.95))
                .setPipelineLatencyP99Ms(LatencyHistogram.quantile(pipeline, 0.99))
                .build();
    }

    /**
     * Cost and tokens. The predictable squares add {@code (cost - mean of the earlier costs)^2}; a replaced score takes
     * off its square against the mean of the others, so a replay or a late label leaves them about where they were.
     */
    private static void cost(ArmStats.Builder b, ArmStats agg, Score s, int sign) {
        double cost = s.getCostUsdDecompose() + s.getCostUsdSolve();
        long costN = agg.getProblems() - agg.getInfrastructureFailures();
        double costSum = agg.getCostUsdDecompose() + agg.getCostUsdSolve();
        double centre;
        if (sign > 0) centre = costN == 0 ? 0.0 : costSum / costN;
        else centre = costN <= 1 ? 0.0 : (costSum - cost) / (costN - 1);
        double square = (cost - centre) * (cost - centre);
        b.setCostUsdDecompose(agg.getCostUsdDecompose() + sign * s.getCostUsdDecompose())
                .setCostUsdSolve(agg.getCostUsdSolve() + sign * s.getCostUsdSolve())
                .setCostSquaresSum(Math.max(0.0, agg.getCostSquaresSum() + sign * cost * cost))
                .setCostPredictableSquaresSum(Math.max(0.0, agg.getCostPredictableSquaresSum() + sign * square))
                .setMaxCostUsd(sign > 0 ? Math.max(agg.getMaxCostUsd(), cost) : agg.getMaxCostUsd())
                .setPromptTokens(agg.getPromptTokens() + sign * (s.getDecomposeUsage().getPromptTokens() + s.getSolveUsage().getPromptTokens()))
                .setCompletionTokens(agg.getCompletionTokens() + sign * (s.getDecomposeUsage().getCompletionTokens()
                        + s.getSolveUsage().getCompletionTokens()))
                .setSimulatedProblems(agg.getSimulatedProblems() + (s.getSimulated() ? sign : 0));
    }

    /** Gold labels (failed included as wrong) and feedback labels, apart. */
    private static void label(ArmStats.Builder b, ArmStats agg, Score s, int sign) {
        if (s.getMetricValue() == null || s.getLabelSource() == null) return;
        double v = s.getMetricValue();
        int correct = Boolean.TRUE.equals(s.getCorrect()) ? sign : 0;
        if ("feedback".equals(s.getLabelSource())) {
            b.setFeedbackLabelled(agg.getFeedbackLabelled() + sign)
                    .setLabelledByFeedback(agg.getFeedbackLabelled() + sign)
                    .setFeedbackCorrect(agg.getFeedbackCorrect() + correct)
                    .setFeedbackMetricSum(agg.getFeedbackMetricSum() + sign * v)
                    .setFeedbackMetricSquaresSum(Math.max(0.0, agg.getFeedbackMetricSquaresSum() + sign * v * v));
            return;
        }
        b.setLabelled(agg.getLabelled() + sign)
                .setCorrect(agg.getCorrect() + correct)
                .setMetricSum(agg.getMetricSum() + sign * v)
                .setMetricSquaresSum(Math.max(0.0, agg.getMetricSquaresSum() + sign * v * v))
                .setStrictCorrect(agg.getStrictCorrect() + (Boolean.TRUE.equals(s.getStrictCorrect()) ? sign : 0))
                .setFlexibleCorrect(agg.getFlexibleCorrect() + (Boolean.TRUE.equals(s.getFlexibleCorrect()) ? sign : 0));
    }

    /** A shadow run's outcome joins the arm's shadow totals (kept off the arm's own scores). */
    public static ArmStats addShadow(String arm, ShadowPair pair, ArmStats agg) {
        return shadow(arm, pair, agg, 1);
    }

    public static ArmStats subtractShadow(String arm, ShadowPair pair, ArmStats agg) {
        return shadow(arm, pair, agg, -1);
    }

    private static ArmStats shadow(String arm, ShadowPair pair, ArmStats agg, int sign) {
        return ArmStats.newBuilder(agg)
                .setArm(arm)
                .setShadowPairs(agg.getShadowPairs() + (pair.getPaired() ? sign : 0))
                .setShadowAgreements(agg.getShadowAgreements() + (pair.getPaired() && pair.getAgree() ? sign : 0))
                .setShadowFailures(agg.getShadowFailures() + (pair.getShadowFailed() ? sign : 0))
                .setShadowCostUsd(agg.getShadowCostUsd() + sign * pair.getShadowCostUsd())
                .build();
    }

    /** The arm's own totals with the shadow totals of the same arm. */
    public static ArmStats withShadow(ArmStats own, ArmStats shadow) {
        if (shadow == null) return own;
        return ArmStats.newBuilder(own).setShadowPairs(shadow.getShadowPairs()).setShadowAgreements(shadow.getShadowAgreements())
                .setShadowFailures(shadow.getShadowFailures()).setShadowCostUsd(shadow.getShadowCostUsd()).build();
    }

    private static Map<String, Long> plus(Map<String, Long> counts, String key, int sign) {
        Map<String, Long> out = new LinkedHashMap<>(counts);
        long next = out.getOrDefault(key, 0L) + sign;
        if (next == 0) out.remove(key);
        else out.put(key, next);
        return out;
    }
}
