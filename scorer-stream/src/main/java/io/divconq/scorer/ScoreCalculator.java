package io.divconq.scorer;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.TokenUsage;
import io.divconq.common.async.InvalidRecordException;
import io.divconq.common.config.PriceTable;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.Datasets;
import io.divconq.datasets.metric.Judgement;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Judges a solution against the problem's gold answers and prices its calls from real token usage. */
public final class ScoreCalculator {

    private final PriceTable prices;
    private final LongSupplier clock;

    public ScoreCalculator(PriceTable prices, LongSupplier clock) {
        this.prices = prices;
        this.clock = clock;
    }

    public PriceTable prices() {
        return prices;
    }

    public LongSupplier clock() {
        return clock;
    }

    public Score score(Solution s) {
        Decomposition d = s.getDecomposition();
        if (d == null || d.getProblem() == null) throw InvalidRecordException.missingField("decomposition.problem");
        Problem p = d.getProblem();
        DatasetDefinition dataset = Datasets.get(p.getDataset());
        List<List<String>> gold = gold(p);
        Judgement judgement = gold.isEmpty() ? null : dataset.judge(s.getFinalAnswer(), gold);
        Boolean strictCorrect = gold.isEmpty() ? null : correct(dataset, s.getStrictAnswer(), gold);
        Boolean flexibleCorrect = gold.isEmpty() ? null : correct(dataset, s.getFlexibleAnswer(), gold);
        TokenUsage du = d.getUsage() == null ? new TokenUsage(0L, 0L) : d.getUsage();
        TokenUsage su = s.getUsage() == null ? new TokenUsage(0L, 0L) : s.getUsage();
        long now = clock.getAsLong();
        return Score.newBuilder()
                .setProblemId(s.getProblemId())
                .setExperiment(s.getExperiment())
                .setArm(s.getArm())
                .setShadow(d.getShadow())
                .setShadowSampled(d.getShadowSampled())
                .setShadowSkipped(d.getShadowSkipped())
                .setDataset(p.getDataset())
                .setSolverMode(d.getSolverMode())
                .setPredicted(s.getFinalAnswer())
                .setGoldAnswers(p.getGoldAnswers() == null ? List.of() : p.getGoldAnswers())
                .setMetric(dataset.metric())
                .setMetricValue(judgement == null ? null : dataset.valueOf(judgement))
                .setCorrect(judgement == null ? null : dataset.isCorrect(judgement))
                .setMeasures(judgement == null ? Map.of() : judgement.measures())
                .setStrictAnswer(s.getStrictAnswer())
                .setFlexibleAnswer(s.getFlexibleAnswer())
                .setExtraction(s.getExtraction())
                .setStrictCorrect(strictCorrect)
                .setFlexibleCorrect(flexibleCorrect)
                .setLabelSource(judgement == null ? null : "gold")
                .setWeightVersion(d.getWeightVersion())
                .setDecomposeModel(d.getModel())
                .setSolveModel(s.getModel())
                .setDecomposeUsage(du)
                .setSolveUsage(su)
                .setCostUsdDecompose(prices.costUsd(d.getModel(), du.getPromptTokens(), du.getCompletionTokens()))
                .setCostUsdSolve(prices.costUsd(s.getModel(), su.getPromptTokens(), su.getCompletionTokens()))
                .setPriceTableVersion(prices.version())
                .setModelLatencyMs(d.getLatencyMs() + s.getLatencyMs())
                .setEndToEndLatencyMs(Math.max(0, now - p.getCreatedAtMs()))
                .setPipelineLatencyMs(pipelineLatency(d, now))
                .setScoredAtMs(now)
                .setSimulated(s.getSimulated() && (d.getSimulated() || d.getCalls() == 0))
                .build();
    }

    /**
     * The pipeline's own latency: from when the decomposer took the problem to {@code scoredAt}; null when the
     * decomposition does not say when (written before the field).
     */
    static Long pipelineLatency(Decomposition d, long scoredAt) {
        return d.getTakenAtMs() <= 0 ? null : Math.max(0, scoredAt - d.getTakenAtMs());
    }

    /** A problem's acceptable answers as span lists: goldSpans when set, else each gold answer as one span. */
    /** Whether an extraction's answer is correct by the dataset's metric; a missing answer is not. */
    private static boolean correct(DatasetDefinition dataset, String answer, List<List<String>> gold) {
        return answer != null && dataset.isCorrect(dataset.judge(answer, gold));
    }

    public static List<List<String>> gold(Problem p) {
        if (p.getGoldSpans() != null && !p.getGoldSpans().isEmpty()) return p.getGoldSpans();
        return p.getGoldAnswers() == null ? List.of() : p.getGoldAnswers().stream().map(List::of).toList();
    }
}
