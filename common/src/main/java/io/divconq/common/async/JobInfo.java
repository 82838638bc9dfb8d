package io.divconq.common.async;

/** Who a job is for, carried into dead letters so failures count against the right arm. */
public record JobInfo(String problemId, String experiment, String arm) {
}
