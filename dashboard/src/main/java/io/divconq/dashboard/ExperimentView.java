package io.divconq.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private final List<ObjectNode> snapshots = new ArrayList<>();
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
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("at_ms", result.getUpdatedAtMs());
            p.put("arm", a.getArm());
            p.put("problems", a.getStats().getProblems());
            ExperimentJson.putNullable(p, "accuracy", ExperimentJson.accuracy(a.getStats()));
            p.set("accuracy_ci", ExperimentJson.pair(a.getAccuracyLower(), a.getAccuracyUpper()));
            ExperimentJson.putNullable(p, "cost_per_correct_usd", ExperimentJson.costPerCorrect(a.getStats()));
            snapshots.add(p);
        }
        if (snapshots.size() > MAX_SNAPSHOTS) {
            // Thin out the older half so a long experiment keeps its whole history at coarser resolution.
            List<ObjectNode> kept = new ArrayList<>();
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
    public synchronized ObjectNode timeseries() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("window_ms", windowMs);
        ArrayNode cumulative = root.putArray("cumulative");
        snapshots.forEach(cumulative::add);
        ArrayNode out = root.putArray("windows");
        for (ArmStats w : windows.values()) {
            ObjectNode p = out.addObject();
            p.put("window_start_ms", w.getWindowStartMs());
            p.put("arm", w.getArm());
            p.put("problems", w.getProblems());
            p.put("throughput_per_s", windowMs <= 0 ? 0 : w.getProblems() * 1000.0 / windowMs);
            ExperimentJson.putNullable(p, "accuracy", ExperimentJson.accuracy(w));
            ExperimentJson.putNullable(p, "cost_per_correct_usd", ExperimentJson.costPerCorrect(w));
        }
        return root;
    }

    @Override
    public void close() {
        follower.close();
    }
}
