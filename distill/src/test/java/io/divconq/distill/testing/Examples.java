package io.divconq.distill.testing;

import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillOutcome;
import java.util.List;

/** Distill examples for tests: a teacher decomposition of a question, with its outcome. */
public final class Examples {

    private Examples() {
    }

    public static DistillExample teacher(String id, String question, DistillOutcome outcome, long atMs) {
        return DistillExample.newBuilder().setProblemId(id).setExperiment("exp").setArm("teacher").setDecomposerArm("teacher")
                .setShadow(false).setDataset("gsm8k").setSplit("train").setQuestion(question).setPassage(null)
                .setDecomposeModel("sim-teacher").setPromptVariant("default")
                .setSubquestions(List.of("How many eggs are left?", "How much money is that?"))
                .setNoDecomposition(false).setUsable(true).setFinalAnswer("18").setOutcome(outcome)
                .setLabelSource(outcome == DistillOutcome.CORRECT || outcome == DistillOutcome.INCORRECT ? "gold" : null)
                .setFailure(outcome == DistillOutcome.FAILED ? "model-call-failed" : null)
                .setSolveModel("sim-solver").setDecomposedAtMs(atMs).setUpdatedAtMs(atMs).setSimulated(true).build();
    }

    public static DistillExample with(DistillExample e, java.util.function.Consumer<DistillExample.Builder> change) {
        DistillExample.Builder b = DistillExample.newBuilder(e);
        change.accept(b);
        return b.build();
    }
}
