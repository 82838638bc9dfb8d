package io.divconq.common.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How a topic is laid out on the broker.
 *
 * @param partitions  a fixed partition count, or {@link #CONFIGURED} for {@code topics.partitions} of the configuration
 * @param compacted   keep the latest value per key (cleanup.policy=compact) instead of deleting by age
 * @param keptForever never delete by age (retention.ms=-1)
 */
public record TopicLayout(int partitions, boolean compacted, boolean keptForever) {

    public static final int CONFIGURED = 0;

    /** Events, keyed by problem id: the configured partitions, deleted by retention. */
    public static TopicLayout events() {
        return new TopicLayout(CONFIGURED, false, false);
    }

    /** The latest value per key: the configured partitions, compacted. */
    public static TopicLayout latestPerKey() {
        return new TopicLayout(CONFIGURED, true, false);
    }

    public TopicLayout onePartition() {
        return new TopicLayout(1, compacted, keptForever);
    }

    public TopicLayout forever() {
        return new TopicLayout(partitions, compacted, true);
    }

    /** The partition count to create, given the configured default. */
    public int partitions(int configured) {
        return partitions == CONFIGURED ? configured : partitions;
    }

    /** Topic configs to create the topic with. */
    public Map<String, String> configs() {
        Map<String, String> c = new LinkedHashMap<>();
        if (compacted) c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        if (keptForever) c.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        return c;
    }
}
