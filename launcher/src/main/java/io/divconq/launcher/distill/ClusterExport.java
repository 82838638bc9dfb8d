package io.divconq.launcher.distill;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.DistillOutcome;
import io.divconq.avro.Score;
import io.divconq.common.context.DivconqContext;
import io.divconq.distill.export.ExportMode;
import io.divconq.distill.export.ExportRequest;
import io.divconq.distill.export.Selection;
import io.divconq.distill.export.SftExporter;
import io.divconq.distill.stream.TopicSnapshot;
import io.divconq.distill.stream.ExampleRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Exports training files from a cluster's distill-examples topic, as export-sft and run --export-sft do. */
public final class ClusterExport {

    private final DivconqContext context;

    public ClusterExport(DivconqContext context) {
        this.context = context;
    }

    public TopicSnapshot.Snapshot snapshot() {
        return TopicSnapshot.examples(context.bootstrapServers(), context.topics().distillExamples(), Duration.ofSeconds(30));
    }

    /**
     * Waits until distill-examples holds the outcome of every problem a run finished (scored or dead-lettered), then
     * returns that snapshot; empty when it does not within the timeout.
     */
    public java.util.Optional<TopicSnapshot.Snapshot> awaitRun(Collection<Score> scores, Collection<DeadLetter> deadLetters,
                                                               Duration timeout) throws InterruptedException {
        Map<String, DistillOutcome> expected = new HashMap<>();
        scores.stream().filter(s -> !s.getShadow())
                .forEach(s -> expected.put(s.getProblemId() + "/" + ExampleRows.row(s.getArm(), false), ExampleRows.outcomeOf(s)));
        deadLetters.stream().filter(d -> d.getProblemId() != null && d.getArm() != null)
                .forEach(d -> expected.put(d.getProblemId() + "/" + ExampleRows.row(d.getArm(), false), DistillOutcome.FAILED));
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            TopicSnapshot.Snapshot s = snapshot();
            if (expected.entrySet().stream().allMatch(e -> s.latest().containsKey(e.getKey())
                    && s.latest().get(e.getKey()).getOutcome() == e.getValue())) {
                return java.util.Optional.of(s);
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return java.util.Optional.empty();
    }

    /** Writes the files and prints one line per mode. */
    public static SftExporter.Result write(TopicSnapshot.Snapshot snapshot, ExportRequest request, Path dir, PrintStream out)
            throws IOException {
        SftExporter.Result result = new SftExporter(System::currentTimeMillis).export(snapshot.examples(), request, dir);
        if (snapshot.undecodable() > 0) out.println("skipped " + snapshot.undecodable() + " distill-examples records that do not decode");
        for (ExportMode mode : result.selections().keySet()) {
            Selection s = result.selections().get(mode);
            Map<String, Integer> dropped = new java.util.TreeMap<>();
            s.dropped().forEach((r, n) -> dropped.put(r.id(), n));
            out.printf("%s: %d of %d examples kept (%s.jsonl + %s.valid.jsonl); dropped %s%n", mode.id(), s.kept().size(), s.read(),
                    mode.id(), mode.id(), dropped);
        }
        if (request.preferences()) out.println("preferences: " + result.preferencePairs() + " pairs");
        out.println("training files and manifest.json written to " + dir);
        return result;
    }
}
