package io.divconq.common.topics;

import java.util.List;

/** Every divconq topic name, in one place, under an optional prefix. Event topics are keyed by problem id. */
public record Topics(String prefix) {

    public Topics {
        prefix = prefix == null ? "" : prefix;
    }

    public String problems() { return prefix + "problems"; }
    public String decompositions() { return prefix + "decompositions"; }
    public String solutions() { return prefix + "solutions"; }
    public String scores() { return prefix + "scores"; }
    public String deadLetters() { return prefix + "dlq"; }
    /** Labels arriving after the fact, keyed by problem id. */
    public String feedback() { return prefix + "feedback"; }
    /** Running totals per arm, keyed by arm (compacted). */
    public String armStats() { return prefix + "arm-stats"; }
    /** Totals per arm and tumbling window, keyed by "arm@windowStart" (compacted). */
    public String armStatsWindowed() { return prefix + "arm-stats-windowed"; }
    /** Weight changes of running experiments, keyed by experiment; one partition, every change kept. */
    public String experimentControl() { return prefix + "experiment-control"; }
    /** The latest state of each experiment, keyed by experiment (compacted). */
    public String experimentResults() { return prefix + "experiment-results"; }

    /** One training example per decomposition and outcome, keyed by problemId/arm (compacted). */
    public String distillExamples() { return prefix + "distill-examples"; }

    /** Topics the pipeline reads or writes as events (deleted by retention, not compaction). */
    public List<String> eventTopics() {
        return List.of(problems(), decompositions(), solutions(), scores(), deadLetters(), feedback());
    }

    /** Topics that hold the latest value per key. */
    public List<String> compactedTopics() {
        return List.of(armStats(), armStatsWindowed(), distillExamples());
    }

    /** Application id of one stream, under the same prefix so two pipelines can share a cluster. */
    public String applicationId(String stream) {
        return prefix + "divconq-" + stream;
    }
}
