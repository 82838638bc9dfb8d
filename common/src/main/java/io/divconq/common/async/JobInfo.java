package io.divconq.common.async;

/**
 * Who a job is for, carried into dead letters so failures count against the right arm, under the weight version
 * the problem was assigned with (null when unknown).
 */
public record JobInfo(String problemId, String experiment, String arm, Long weightVersion) {

    public JobInfo(String problemId, String experiment, String arm) {
        this(problemId, experiment, arm, null);
    }
}
