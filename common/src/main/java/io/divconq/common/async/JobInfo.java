package io.divconq.common.async;

/**
 * Who a job is for, carried into dead letters so failures count against the right arm, under the weight version
 * the problem was assigned with (null when unknown). {@code shadow}: the job is a shadow run, whose failure is
 * flagged and never counted against the arm.
 */
public record JobInfo(String problemId, String experiment, String arm, Long weightVersion, boolean shadow) {

    public JobInfo(String problemId, String experiment, String arm, Long weightVersion) {
        this(problemId, experiment, arm, weightVersion, false);
    }

    public JobInfo(String problemId, String experiment, String arm) {
        this(problemId, experiment, arm, null);
    }

    public JobInfo asShadow() {
        return new JobInfo(problemId, experiment, arm, weightVersion, true);
    }
}
