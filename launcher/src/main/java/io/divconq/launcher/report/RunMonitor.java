package io.divconq.launcher.report;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.Score;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.common.kafka.Consumers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Follows a run from outside the pipeline, as any consumer would: committed scores and dead letters of the run's
 * problems (read_committed), and the latest arm-stats per arm.
 */
public final class RunMonitor implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicCatalog topics;
    private final Set<String> problemIds;
    private final Map<String, Score> scores = new HashMap<>();
    private final Map<String, DeadLetter> deadLetters = new HashMap<>();
    private final Map<String, ArmStats> armStats = new HashMap<>();
    private ExperimentResult experiment;
    private long duplicateScores;

    public RunMonitor(DivconqContext context, Set<String> problemIds) {
        this.topics = context.topics();
        this.problemIds = Set.copyOf(problemIds);
        this.consumer = Consumers.committedFromStart(context.bootstrapServers(), "monitor");
        consumer.subscribe(List.of(topics.scores().name(), topics.deadLetters().name(), topics.armStats().name(),
                topics.experimentResults().name()));
    }

    /** Reads what arrived within the timeout. */
    public void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            if (r.value() == null) continue;
            if (r.topic().equals(topics.scores().name())) {
                Score s = topics.scores().decode(r.value());
                if (problemIds.contains(s.getProblemId()) && !s.getShadow()) {
                    if (scores.put(s.getProblemId(), s) != null) duplicateScores++;
                }
            } else if (r.topic().equals(topics.deadLetters().name())) {
                DeadLetter d = decodeDeadLetter(r);
                if (d != null && d.getProblemId() != null && problemIds.contains(d.getProblemId())) {
                    deadLetters.put(d.getProblemId(), d);
                }
            } else if (r.topic().equals(topics.experimentResults().name())) {
                experiment = topics.experimentResults().decode(r.value());
            } else {
                armStats.put(r.key(), topics.armStats().decode(r.value()));
            }
        }
    }

    private DeadLetter decodeDeadLetter(ConsumerRecord<String, byte[]> r) {
        try {
            return topics.deadLetters().decode(r.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Problems of this run that are scored (a failed problem of an arm ends in a failed score, after its dead letter),
     * or dead-lettered before they had an arm (they never get a score).
     */
    public int finished() {
        Set<String> done = new java.util.HashSet<>(scores.keySet());
        deadLetters.values().stream().filter(d -> d.getArm() == null).forEach(d -> done.add(d.getProblemId()));
        return done.size();
    }

    public Map<String, Score> scores() {
        return scores;
    }

    public Map<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    public Map<String, ArmStats> armStats() {
        return armStats;
    }

    /** The latest judged state of the experiment, once the scorer has published one. */
    public java.util.Optional<ExperimentResult> experiment() {
        return java.util.Optional.ofNullable(experiment);
    }

    /** Scores seen more than once for one problem: must stay 0 under exactly-once. */
    public long duplicateScores() {
        return duplicateScores;
    }

    /** What has been seen so far, for a diagnostic message. */
    public String progress() {
        long problems = armStats.values().stream().mapToLong(ArmStats::getProblems).sum();
        long dead = armStats.values().stream().mapToLong(ArmStats::getDeadLetters).sum();
        long judged = experiment == null ? 0 : experiment.getArms().stream().mapToLong(a -> a.getStats().getProblems()).sum();
        return String.format("finished %d (scores %d, dead letters %d, with arm %d); arm-stats problems %d, dead %d; judged %d",
                finished(), scores.size(), deadLetters.size(), deadLetters.values().stream().filter(d -> d.getArm() != null).count(),
                problems, dead, judged);
    }

    /** Whether the arm-stats totals have caught up with the scores and dead letters seen. */
    public boolean armStatsCaughtUp() {
        long problems = armStats.values().stream().mapToLong(ArmStats::getProblems).sum();
        long dead = armStats.values().stream().mapToLong(ArmStats::getDeadLetters).sum();
        // Every dead letter of an arm's problem ends in a failed score (intention to treat), which the totals count.
        long deadWithArm = scores.values().stream().filter(Score::getFailed).count();
        long judged = experiment == null ? 0 : experiment.getArms().stream().mapToLong(a -> a.getStats().getProblems()).sum();
        return problems >= scores.size() && dead >= deadWithArm && judged >= scores.size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
