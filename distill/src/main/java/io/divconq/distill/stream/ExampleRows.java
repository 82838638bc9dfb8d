package io.divconq.distill.stream;

import io.divconq.avro.Decomposition;
import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillOutcome;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.Datasets;
import java.util.List;

/** How the pipeline's records become distill examples, and how outcomes and late labels change them. Pure. */
public final class ExampleRows {

    public static final String GOLD = "gold";
    public static final String FEEDBACK = "feedback";

    private final ExperimentConfig experiment;

    public ExampleRows(ExperimentConfig experiment) {
        this.experiment = experiment;
    }

    /** Row key within a problem: the arm, and "/shadow" for the control's shadow decomposition of it. */
    public static String row(String arm, boolean shadow) {
        return shadow ? arm + "/shadow" : arm;
    }

    /** The topic key of an example: problemId/row. */
    public static String key(DistillExample e) {
        return e.getProblemId() + "/" + row(e.getArm(), e.getShadow());
    }

    /** A solved decomposition, outcome not yet known. */
    public DistillExample solved(Solution s, long nowMs) {
        return decomposed(s.getDecomposition(), nowMs).setFinalAnswer(s.getFinalAnswer()).setSolveModel(s.getModel())
                .setOutcome(DistillOutcome.UNLABELLED).build();
    }

    /** A decomposition whose solving or scoring failed. */
    public DistillExample failedAfterDecomposing(Decomposition d, String errorType, long nowMs) {
        return decomposed(d, nowMs).setOutcome(DistillOutcome.FAILED).setFailure(errorType).build();
    }

    /** A problem whose decomposition failed (no reply, or a reply that did not parse): nothing to learn from. */
    public DistillExample failedToDecompose(Problem p, String arm, String experimentName, String errorType, long nowMs) {
        return base(p, arm, false, nowMs).setExperiment(experimentName).setDecomposerArm(arm)
                .setDecomposeModel(experiment.arm(arm).map(ArmConfig::model).orElse(null))
                .setUsable(false).setOutcome(DistillOutcome.FAILED).setFailure(errorType).setDecomposedAtMs(nowMs).build();
    }

    private DistillExample.Builder decomposed(Decomposition d, long nowMs) {
        String decomposer = d.getShadow() ? experiment.control() : d.getArm();
        return base(d.getProblem(), d.getArm(), d.getShadow(), nowMs).setExperiment(d.getExperiment())
                .setDecomposerArm(decomposer).setDecomposeModel(d.getModel())
                .setPromptVariant(experiment.arm(decomposer).map(ArmConfig::promptVariant).orElse("default"))
                .setSubquestions(d.getSubquestions()).setNoDecomposition(d.getNoDecomposition())
                .setUsable(d.getModel() != null && (d.getNoDecomposition() || !d.getSubquestions().isEmpty()))
                .setDecomposedAtMs(d.getDecomposedAtMs()).setSimulated(d.getSimulated());
    }

    private static DistillExample.Builder base(Problem p, String arm, boolean shadow, long nowMs) {
        return DistillExample.newBuilder().setProblemId(p.getId()).setArm(arm).setShadow(shadow)
                .setDataset(p.getDataset()).setSplit(ProblemSplit.of(p)).setQuestion(p.getQuestion()).setPassage(p.getContext())
                .setUpdatedAtMs(nowMs);
    }

    /** The outcome a score gives: right or wrong by gold, or unlabelled until feedback comes. */
    public static DistillOutcome outcomeOf(Score score) {
        if (score.getCorrect() == null) return DistillOutcome.UNLABELLED;
        return score.getCorrect() ? DistillOutcome.CORRECT : DistillOutcome.INCORRECT;
    }

    /** A scored example; a failure or a label already given is never overwritten by an unlabelled score. */
    public static DistillExample withOutcome(DistillExample e, DistillOutcome outcome, long nowMs) {
        if (e.getOutcome() == DistillOutcome.FAILED || outcome == DistillOutcome.UNLABELLED) return e;
        return DistillExample.newBuilder(e).setOutcome(outcome).setLabelSource(GOLD).setUpdatedAtMs(nowMs).build();
    }

    /**
     * A late label on an unlabelled example: the true answer is judged with the dataset's metric (for the shadow
     * run's answer too); a bare verdict applies to the answer the pipeline gave, the primary one. Null when the
     * label says nothing about this example.
     */
    public static DistillExample labelled(DistillExample e, Boolean verdict, String trueAnswer, long nowMs) {
        if (e.getOutcome() != DistillOutcome.UNLABELLED || e.getFinalAnswer() == null) return null;
        Boolean correct;
        if (trueAnswer != null) {
            DatasetDefinition d = Datasets.get(e.getDataset());
            correct = d.isCorrect(d.judge(e.getFinalAnswer(), List.of(d.answer().spans(trueAnswer))));
        } else if (verdict != null && !e.getShadow()) {
            correct = verdict;
        } else {
            return null;
        }
        return DistillExample.newBuilder(e).setOutcome(correct ? DistillOutcome.CORRECT : DistillOutcome.INCORRECT)
                .setLabelSource(FEEDBACK).setUpdatedAtMs(nowMs).build();
    }
}
