package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.Score;
import io.divconq.common.topics.TopicCatalog;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per arm, totals per tumbling window of scoring time, each problem once per window: a score falls in the window
 * of its {@code scoredAtMs} (failed scores included, so both paths use the same clock) and, within that window, the problem's latest score wins (a replay or a correction in the
 * same window replaces the earlier score, never adds to it). A problem re-scored in a later window counts in that
 * window too: a window says what was scored during it. Published to arm-stats-windowed keyed "arm@windowStart".
 */
final class WindowedArmStats {

    /** The latest score per problem and window, keyed "problemId@windowStart". */
    static final String LATEST_IN_WINDOW_STORE = "latest-score-by-problem-window-store";
    static final String STORE = "arm-stats-windowed-store";

    private WindowedArmStats() {
    }

    static void wire(KStream<String, Score> primaryScores, TopicCatalog topics, Duration window) {
        long size = window.toMillis();
        primaryScores
                .selectKey((id, score) -> score.getProblemId() + "@" + Math.floorDiv(score.getScoredAtMs(), size) * size,
                        Named.as("score-events-by-problem-window"))
                .toTable(Named.as("latest-score-by-problem-window"), Materialized.<String, Score, KeyValueStore<Bytes, byte[]>>
                        as(LATEST_IN_WINDOW_STORE).withKeySerde(Serdes.String()).withValueSerde(topics.scores().serde()))
                .groupBy((key, score) -> KeyValue.pair(score.getArm() + "@" + windowStartOf(key), score),
                        Grouped.with("scores-by-arm-window", Serdes.String(), topics.scores().serde()))
                .aggregate(ArmStatsAggregator::empty, (k, s, agg) -> ArmStatsAggregator.add(armOf(k), s, agg),
                        (k, s, agg) -> ArmStatsAggregator.subtract(armOf(k), s, agg), Named.as("arm-stats-per-window"),
                        Materialized.<String, ArmStats, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.armStats().serde()))
                .toStream(Named.as("arm-stats-window-changes"))
                .filter((k, v) -> v != null, Named.as("arm-stats-window-values"))
                .mapValues((k, v) -> {
                    long start = windowStartOf(k);
                    return ArmStats.newBuilder(v).setWindowStartMs(start).setWindowEndMs(start + size).build();
                }, Named.as("arm-stats-window-bounds"))
                .to(topics.armStatsWindowed().name(), Produced.with(Serdes.String(), topics.armStatsWindowed().serde())
                        .withName("arm-stats-windowed-sink"));
    }

    private static long windowStartOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('@') + 1));
    }

    private static String armOf(String key) {
        return key.substring(0, key.lastIndexOf('@'));
    }
}
