package io.divconq.common.topics;

import java.util.List;

/** Every divconq topic name, in one place, under an optional prefix. All keyed by problem id except arm-stats (arm). */
public record Topics(String prefix) {

    public Topics {
        prefix = prefix == null ? "" : prefix;
    }

    public String problems() { return prefix + "problems"; }
    public String decompositions() { return prefix + "decompositions"; }
    public String solutions() { return prefix + "solutions"; }
    public String scores() { return prefix + "scores"; }
    public String armStats() { return prefix + "arm-stats"; }
    public String deadLetters() { return prefix + "dlq"; }

    /** Topics the pipeline reads or writes as events (deleted by retention, not compaction). */
    public List<String> eventTopics() {
        return List.of(problems(), decompositions(), solutions(), scores(), deadLetters());
    }

    /** Topics that hold the latest value per key. */
    public List<String> compactedTopics() {
        return List.of(armStats());
    }

    /** Application id of one stream, under the same prefix so two pipelines can share a cluster. */
    public String applicationId(String stream) {
        return prefix + "divconq-" + stream;
    }
}
