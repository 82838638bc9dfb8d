package io.divconq.distill.export;

/** Why an example read from distill-examples is not in a training file; the manifest counts each. */
public enum DropReason {
    /** Written by another arm's decomposer than the one exported. */
    OTHER_ARM("other-arm"),
    OTHER_DATASET("other-dataset"),
    BEFORE_SINCE("before-since"),
    /** The decomposer's reply did not parse, so there is no target to learn. */
    UNPARSABLE("unparsable"),
    /** Dead-lettered after the decomposition: no answer to judge it by. */
    FAILED("failed"),
    /** From a dataset split marked as evaluation (refused unless --allow-eval-splits). */
    EVAL_SPLIT("eval-split"),
    /** Its question is in an --exclude file. */
    EXCLUDED("excluded"),
    /** SD-R only: the final answer was wrong. */
    INCORRECT("incorrect"),
    /** SD-R only: no gold answer or feedback label yet. */
    UNLABELLED("unlabelled"),
    /** Its normalised question is already in the file. */
    DUPLICATE("duplicate");

    private final String id;

    DropReason(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
