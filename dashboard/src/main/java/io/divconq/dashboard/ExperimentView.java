package io.divconq.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentResult;
import io.divconq.common.kafka.TopicFollower;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.common.kafka.Consumers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What the dashboard shows, kept current by following experiment-results and arm-stats-windowed like any other
 * consumer: the latest result, a history of cumulative snapshots (for the confidence-band plot) and recent windows.
 */
public final class ExperimentView implements AutoCloseable {

    static final int MAX_SNAPSHOTS = 2000;
    static final int MAX_WINDOWS = 500;

    private final TopicFollower follower;

    private ExperimentResult latest;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private long lastSnapshotAt;
    private final TreeMap<String, ArmStats> windows = new TreeMap<>();
    private long windowMs;

    public ExperimentView(DivconqContext context) {
        this.windowMs = context.config().experiment().windowMs();
        TopicCatalog topics = context.topics();
        KafkaConsumer<String, byte[]> consumer = Consumers.committedFromStart(context.bootstrapServers(), "dashboard");
        consumer.subscribe(List.of(topics.experimentResults().name(), topics.armStatsWindowed().name()));
        this.follower = new TopicFollower("divconq-dashboard-view", consumer, r -> {
            if (r.topic().equals(topics.experimentResults().name())) {
                accept(topics.experimentResults().decode(r.value()));
            } else {
                acceptWindow(r.key(), topics.armStatsWindowed().decode(r.value()));
            }
        }).start();
    }

    synchronized void accept(ExperimentResult result) {
        latest = result;
        // One snapshot per second of result time is plenty for the plots.
        if (result.getUpdatedAtMs() - lastSnapshotAt < 1000 && !snapshots.isEmpty()) return;
        lastSnapshotAt = result.getUpdatedAtMs();
        for (ArmResult a : result.getArms()) {
            snapshots.add(new Snapshot(result.getUpdatedAtMs(), a.getArm(), a.getStats().getProblems(),
                    ExperimentJson.finite(ExperimentJson.accuracy(a.getStats())), ExperimentJson.pair(a.getAccuracyLower(), a.getAccuracyUpper()),
                    ExperimentJson.finite(ExperimentJson.costPerCorrect(a.getStats()))));
        }
        if (snapshots.size() > MAX_SNAPSHOTS) {
            // Thin out the older half so a long experiment keeps its whole history at coarser resolution.
            List<Snapshot> kept = new ArrayList<>();
            int arms = Math.max(1, result.getArms().size());
            for (int i = 0; i < snapshots.size(); i++) {
                if (i >= snapshots.size() / 2 || (i / arms) % 2 == 0) kept.add(snapshots.get(i));
            }
            snapshots.clear();
            snapshots.addAll(kept);
        }
    }

    synchronized void acceptWindow(String key, ArmStats stats) {
        if (stats.getWindowStartMs() == null) return;
        windows.put(String.format("%020d|%s", stats.getWindowStartMs(), stats.getArm()), stats);
        if (stats.getWindowEndMs() != null) windowMs = stats.getWindowEndMs() - stats.getWindowStartMs();
        while (windows.size() > MAX_WINDOWS) windows.pollFirstEntry();
    }

    public synchronized Optional<ExperimentResult> latest() {
        return Optional.ofNullable(latest);
    }

    /** The timeseries endpoint's JSON: cumulative snapshots and tumbling windows. */
    public synchronized Timeseries timeseries() {
        List<Window> out = new ArrayList<>();
        for (ArmStats w : windows.values()) {
            out.add(new Window(w.getWindowStartMs(), w.getArm(), w.getProblems(),
                    windowMs <= 0 ? 0 : w.getProblems() * 1000.0 / windowMs,
                    ExperimentJson.finite(ExperimentJson.accuracy(w)), ExperimentJson.finite(ExperimentJson.costPerCorrect(w))));
        }
        return new Timeseries(windowMs, List.copyOf(snapshots), out);
    }

    /** One arm's cumulative figures at one result time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Snapshot(long atMs, String arm, long problems, Double accuracy, List<Double> accuracyCi, Double costPerCorrectUsd) {
    }

    /** One arm's figures in one tumbling window. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Window(long windowStartMs, String arm, long problems, double throughputPerS, Double accuracy,
                         Double costPerCorrectUsd) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timeseries(long windowMs, List<Snapshot> cumulative, List<Window> windows) {
    }

    @Override
    public void close() {
        follower.close();
    }
}
