package io.divconq.gateway.results;

import io.divconq.avro.AnswerState;
import io.divconq.avro.AnswerStatus;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.TokenUsage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Folds the pipeline's records of one problem into its {@link AnswerState}. Records may come in any order (they
 * are read from five topics), so each one only adds what it knows and the status only moves forward. A record
 * that changes nothing returns the very same instance, so replaying a topic leaves the version alone.
 * Shadow runs (a treatment's problem also decomposed by the control) are not the problem's answer and are skipped.
 */
public final class AnswerReducer {

    /** Problem attribute holding the fingerprint of the gateway request that created the problem. */
    public static final String REQUEST_ATTRIBUTE = "divconq.request-sha256";

    private final LongSupplier clock;

    public AnswerReducer(LongSupplier clock) {
        this.clock = clock;
    }

    public AnswerState queued(AnswerState current, Problem p) {
        return change(current, p.getId(), b -> {
            if (b.getQuestion() == null) b.setQuestion(p.getQuestion());
            if (b.getRequestSha256() == null) b.setRequestSha256(p.getAttributes().get(REQUEST_ATTRIBUTE));
            if (b.getCreatedAtMs() == 0) b.setCreatedAtMs(p.getCreatedAtMs());
        });
    }

    public AnswerState decomposed(AnswerState current, Decomposition d) {
        if (d.getShadow()) return current;
        AnswerState withProblem = queued(current, d.getProblem());
        return change(withProblem, d.getProblemId(), b -> {
            advance(b, AnswerStatus.DECOMPOSED);
            b.setExperiment(d.getExperiment());
            b.setArm(d.getArm());
            b.setSubquestions(List.copyOf(d.getSubquestions()));
            b.setDecomposeUsage(d.getUsage());
            b.setSimulated(b.getSimulated() || d.getSimulated());
        });
    }

    public AnswerState solved(AnswerState current, Solution s) {
        if (s.getDecomposition().getShadow()) return current;
        AnswerState withDecomposition = decomposed(current, s.getDecomposition());
        return change(withDecomposition, s.getProblemId(), b -> {
            advance(b, AnswerStatus.SOLVED);
            b.setFinalAnswer(s.getFinalAnswer());
            b.setSolveUsage(s.getUsage());
            b.setSimulated(b.getSimulated() || s.getSimulated());
        });
    }

    public AnswerState scored(AnswerState current, Score s) {
        if (s.getShadow()) return current;
        Optional<String> failure = failureOf(s);
        return change(current, s.getProblemId(), b -> {
            if (failure.isPresent()) {
                b.setStatus(AnswerStatus.FAILED);
                b.setFailureReason(failure.get());
                b.setFailureStage(text(s, "failedStage"));
            } else {
                advance(b, AnswerStatus.ANSWERED);
            }
            b.setExperiment(s.getExperiment());
            b.setArm(s.getArm());
            if (b.getFinalAnswer() == null && failure.isEmpty()) b.setFinalAnswer(s.getPredicted());
            b.setDecomposeUsage(s.getDecomposeUsage());
            b.setSolveUsage(s.getSolveUsage());
            b.setCostUsdDecompose(s.getCostUsdDecompose());
            b.setCostUsdSolve(s.getCostUsdSolve());
            b.setSimulated(b.getSimulated() || s.getSimulated());
        });
    }

    /** A dead letter fails the problem unless a later stage already succeeded for it. */
    public AnswerState failed(AnswerState current, DeadLetter d) {
        if (d.getProblemId() == null) return current;
        if (current != null && rank(current.getStatus()) >= rank(AnswerStatus.SOLVED)) return current;
        return change(current, d.getProblemId(), b -> {
            b.setStatus(AnswerStatus.FAILED);
            b.setFailureStage(d.getStage());
            b.setFailureReason(d.getErrorType() + ": " + d.getReason());
            if (d.getArm() != null) b.setArm(d.getArm());
            if (d.getExperiment() != null) b.setExperiment(d.getExperiment());
        });
    }

    /**
     * The reason of a score that accounts for a failed problem (intention to treat: a score with {@code failed}
     * set), read by field name so scores written before or after that field existed both read right.
     */
    static Optional<String> failureOf(Score s) {
        Schema.Field failed = s.getSchema().getField("failed");
        if (failed == null || !Boolean.TRUE.equals(s.get(failed.pos()))) return Optional.empty();
        String kind = text(s, "failureKind");
        String reason = text(s, "failureReason");
        return Optional.of((kind == null ? "failed" : kind) + (reason == null ? "" : ": " + reason));
    }

    private static String text(Score s, String field) {
        Schema.Field f = s.getSchema().getField(field);
        Object v = f == null ? null : s.get(f.pos());
        return v == null ? null : v.toString();
    }

    /** True once nothing more will happen to the problem. */
    public static boolean isFinal(AnswerState s) {
        return s.getStatus() == AnswerStatus.ANSWERED || s.getStatus() == AnswerStatus.FAILED;
    }

    private static void advance(AnswerState.Builder b, AnswerStatus to) {
        if (b.getStatus() == AnswerStatus.FAILED || rank(to) > rank(b.getStatus())) {
            b.setStatus(to);
            b.setFailureStage(null);
            b.setFailureReason(null);
        }
    }

    /** QUEUED < DECOMPOSED < SOLVED < ANSWERED; FAILED ranks with QUEUED so any success moves past it. */
    private static int rank(AnswerStatus s) {
        return switch (s) {
            case QUEUED, FAILED -> 0;
            case DECOMPOSED -> 1;
            case SOLVED -> 2;
            case ANSWERED -> 3;
        };
    }

    private AnswerState change(AnswerState current, String problemId, Consumer<AnswerState.Builder> edit) {
        AnswerState base = current != null ? current : empty(problemId);
        AnswerState.Builder b = AnswerState.newBuilder(base);
        edit.accept(b);
        AnswerState candidate = b.build();
        if (current != null && candidate.equals(current)) return current;
        return AnswerState.newBuilder(candidate).setVersion(base.getVersion() + 1).setUpdatedAtMs(clock.getAsLong()).build();
    }

    private static AnswerState empty(String problemId) {
        TokenUsage none = new TokenUsage(0L, 0L);
        return AnswerState.newBuilder().setProblemId(problemId).setStatus(AnswerStatus.QUEUED)
                .setDecomposeUsage(none).setSolveUsage(new TokenUsage(0L, 0L)).build();
    }
}
