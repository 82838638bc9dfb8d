package io.divconq.scorer;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.config.PriceTable;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.datasets.Datasets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Intention to treat: turns a dead letter of a problem assigned to an arm into that problem's failed score, so every
 * assigned problem ends in exactly one score for its arm. The dead letter keeps the original bytes for replay; a
 * replay that succeeds later writes a normal score under the same problem id, which replaces this one.
 */
public final class FailedScores {

    /** Failure kinds, as in Score.failureKind. */
    public static final String NO_ANSWER = "no-answer";
    public static final String UNUSABLE_DECOMPOSITION = "unusable-decomposition";

    /** Error types that are the endpoint's fault (an outage past its hold time), not the method's. */
    static final Set<String> INFRASTRUCTURE = Set.of(DeadLetters.MODEL_CALL_FAILED);

    private final TopicCatalog topics;
    private final PriceTable prices;
    private final LongSupplier clock;

    public FailedScores(TopicCatalog topics, PriceTable prices, LongSupplier clock) {
        this.topics = topics;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * The failed score for a dead letter of the decompose, solve or score stage, read from its original record; empty
     * when the original does not decode or names no problem (nothing to attribute).
     */
    public Optional<Score> of(DeadLetter d) {
        byte[] original = bytes(d.getOriginalValue());
        if (original == null) return Optional.empty();
        try {
            return switch (d.getStage()) {
                case "decompose" -> fromProblem(d, topics.problems().decode(original));
                case "solve" -> fromDecomposition(d, topics.decompositions().decode(original), usage(d), d.getModel());
                case "score" -> fromSolution(d, topics.solutions().decode(original));
                default -> Optional.empty();
            };
        } catch (RuntimeException undecodable) {
            return truncated(d);
        }
    }

    /**
     * A dead letter whose original value was cut to fit the dlq (an output too large for Kafka) cannot be decoded,
     * but names its problem and arm: its failed score is unjudged (the gold answers went with the cut bytes).
     */
    private Optional<Score> truncated(DeadLetter d) {
        if (DeadLetters.replayable(d) || d.getProblemId() == null || d.getArm() == null || !"decompose".equals(d.getStage())) {
            return Optional.empty();
        }
        Problem stub = Problem.newBuilder().setId(d.getProblemId()).setDataset(Datasets.CUSTOM).setQuestion("")
                .setGoldAnswers(List.of()).setGoldSpans(List.of()).setCreatedAtMs(0L).setAttributes(java.util.Map.of()).build();
        return fromProblem(d, stub);
    }

    private Optional<Score> fromProblem(DeadLetter d, Problem p) {
        if (p == null || p.getId() == null || d.getArm() == null) return Optional.empty();
        TokenUsage spent = usage(d);
        Score.Builder b = base(d, p, d.getArm(), d.getExperiment(), d.getWeightVersion() == null ? 0 : d.getWeightVersion())
                .setShadow(d.getShadow())
                .setDecomposeModel(d.getModel())
                .setDecomposeUsage(spent)
                .setSolveUsage(new TokenUsage(0L, 0L))
                .setSolveModel("")
                .setCostUsdDecompose(prices.costUsd(d.getModel(), spent.getPromptTokens(), spent.getCompletionTokens()))
                .setCostUsdSolve(0.0);
        return Optional.of(b.build());
    }

    private Optional<Score> fromDecomposition(DeadLetter d, Decomposition dec, TokenUsage solveSpent, String solveModel) {
        if (dec == null || dec.getProblem() == null) return Optional.empty();
        TokenUsage du = dec.getUsage() == null ? new TokenUsage(0L, 0L) : dec.getUsage();
        Score.Builder b = base(d, dec.getProblem(), dec.getArm(), dec.getExperiment(), dec.getWeightVersion())
                .setShadow(dec.getShadow())
                .setShadowSampled(dec.getShadowSampled())
                .setShadowSkipped(dec.getShadowSkipped())
                .setSolverMode(dec.getSolverMode())
                .setDecomposeModel(dec.getModel())
                .setDecomposeUsage(du)
                .setSolveUsage(solveSpent)
                .setSolveModel(solveModel == null ? "" : solveModel)
                .setCostUsdDecompose(prices.costUsd(dec.getModel(), du.getPromptTokens(), du.getCompletionTokens()))
                .setCostUsdSolve(prices.costUsd(solveModel, solveSpent.getPromptTokens(), solveSpent.getCompletionTokens()))
                .setModelLatencyMs(dec.getLatencyMs());
        b.setPipelineLatencyMs(ScoreCalculator.pipelineLatency(dec, b.getScoredAtMs()));
        return Optional.of(b.build());
    }

    private Optional<Score> fromSolution(DeadLetter d, Solution s) {
        if (s == null || s.getDecomposition() == null) return Optional.empty();
        TokenUsage su = s.getUsage() == null ? new TokenUsage(0L, 0L) : s.getUsage();
        return fromDecomposition(d, s.getDecomposition(), su, s.getModel());
    }

    private Score.Builder base(DeadLetter d, Problem p, String arm, String experiment, long weightVersion) {
        boolean infrastructure = INFRASTRUCTURE.contains(d.getErrorType());
        List<String> gold = p.getGoldAnswers() == null ? List.of() : p.getGoldAnswers();
        boolean judged = !gold.isEmpty() && !infrastructure;
        long now = clock.getAsLong();
        return Score.newBuilder()
                .setProblemId(p.getId())
                .setExperiment(experiment)
                .setArm(arm)
                .setDataset(p.getDataset())
                .setSolverMode(SolverMode.STATIC)
                .setPredicted("")
                .setGoldAnswers(gold)
                .setMetric(Datasets.get(p.getDataset()).metric())
                .setMetricValue(judged ? 0.0 : null)
                .setCorrect(judged ? false : null)
                .setStrictCorrect(judged ? false : null)
                .setFlexibleCorrect(judged ? false : null)
                .setLabelSource(judged ? "gold" : null)
                .setExtraction("none")
                .setWeightVersion(weightVersion)
                .setFailed(true)
                .setFailureKind(kind(d))
                .setFailureReason(d.getReason())
                .setFailedStage(d.getStage())
                .setInfrastructureFailure(infrastructure)
                .setPriceTableVersion(prices.version())
                .setModelLatencyMs(0L)
                .setEndToEndLatencyMs(Math.max(0, now - p.getCreatedAtMs()))
                .setScoredAtMs(now);
    }

    /** The failure kind: what went wrong in the method's terms. */
    static String kind(DeadLetter d) {
        if (DeadLetters.UNPARSEABLE_REPLY.equals(d.getErrorType())) {
            return "decompose".equals(d.getStage()) ? UNUSABLE_DECOMPOSITION : NO_ANSWER;
        }
        return d.getErrorType();
    }

    private static TokenUsage usage(DeadLetter d) {
        return new TokenUsage(d.getPromptTokens(), d.getCompletionTokens());
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) return null;
        ByteBuffer dup = b.duplicate();
        byte[] out = new byte[dup.remaining()];
        dup.get(out);
        return out;
    }
}
