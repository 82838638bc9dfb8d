package io.divconq.common.topics;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.DistillExample;
import io.divconq.avro.Decomposition;
import io.divconq.avro.DlqReplay;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.Feedback;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.registry.AvroSerdes;
import io.divconq.registry.SchemaRegistryClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Every divconq topic: name (under an optional prefix), value serde (Avro in the Confluent wire format, schemas in
 * {@code registry}) and layout, built once per process. Event topics are keyed by problem id.
 *
 * <p>To add a topic, add a component here and its one line in {@link #of}; the compiler asks for the second.
 * {@link #all()} (and so the topic admin) picks it up.
 *
 * @param feedback          labels arriving after the fact, keyed by problem id
 * @param armStats          running totals per arm, keyed by arm
 * @param armStatsWindowed  totals per arm and tumbling window, keyed by "arm@windowStart"
 * @param experimentControl weight changes of running experiments, keyed by experiment; one partition, every change kept
 * @param experimentResults the latest state of each experiment, keyed by experiment
 * @param distillExamples   one training example per decomposition and its outcome, keyed by problemId/arm
 * @param dlqReplays        dead letters already replayed, keyed by "partition:offset" of the dead letter
 */
public record TopicCatalog(String prefix, SchemaRegistryClient registry,
                           Topic<Problem> problems,
                           Topic<Decomposition> decompositions,
                           Topic<Solution> solutions,
                           Topic<Score> scores,
                           Topic<DeadLetter> deadLetters,
                           Topic<Feedback> feedback,
                           Topic<ArmStats> armStats,
                           Topic<ArmStats> armStatsWindowed,
                           Topic<ExperimentControl> experimentControl,
                           Topic<ExperimentResult> experimentResults,
                           Topic<DistillExample> distillExamples,
                           Topic<DlqReplay> dlqReplays) {

    /** The catalogue under {@code prefix} (null for none), with serdes against {@code registry}. */
    public static TopicCatalog of(String prefix, SchemaRegistryClient registry) {
        Builder b = new Builder(prefix == null ? "" : prefix, registry);
        return new TopicCatalog(b.prefix, registry,
                b.topic("problems", Problem.class, TopicLayout.events()),
                b.topic("decompositions", Decomposition.class, TopicLayout.events()),
                b.topic("solutions", Solution.class, TopicLayout.events()),
                b.topic("scores", Score.class, TopicLayout.events()),
                b.topic("dlq", DeadLetter.class, TopicLayout.events()),
                b.topic("feedback", Feedback.class, TopicLayout.events()),
                b.topic("arm-stats", ArmStats.class, TopicLayout.latestPerKey()),
                b.topic("arm-stats-windowed", ArmStats.class, TopicLayout.latestPerKey()),
                b.topic("experiment-control", ExperimentControl.class, TopicLayout.events().onePartition().forever()),
                b.topic("experiment-results", ExperimentResult.class, TopicLayout.latestPerKey().onePartition()),
                b.topic("distill-examples", DistillExample.class, TopicLayout.latestPerKey()),
                b.topic("dlq-replays", DlqReplay.class, TopicLayout.latestPerKey()));
    }

    /** Every topic of the catalogue, in declaration order. */
    public List<Topic<?>> all() {
        List<Topic<?>> out = new ArrayList<>();
        for (RecordComponent c : TopicCatalog.class.getRecordComponents()) {
            if (c.getType() != Topic.class) continue;
            try {
                out.add((Topic<?>) c.getAccessor().invoke(this));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read topic " + c.getName(), e);
            }
        }
        return out;
    }

    /**
     * Registers the value schema of every topic (outputs and the dead-letter topic included), so no stream meets
     * an unregistered schema mid-record. Waits out registry outages like every registry call.
     */
    public void registerSchemas() {
        for (Topic<?> topic : all()) {
            if (topic.serde().serializer() instanceof io.divconq.registry.ConfluentAvroSerializer<?> avro) {
                registry.register(io.divconq.registry.TopicNameStrategy.subject(topic.name(), false), avro.schema());
            }
        }
    }

    /** A serde for any other Avro type (internal aggregates, repartition topics), against the same registry. */
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return AvroSerdes.specific(type, registry, false);
    }

    /** Application id of one stream, under the same prefix so two pipelines can share a cluster. */
    public String applicationId(String stream) {
        return prefix + "divconq-" + stream;
    }

    private record Builder(String prefix, SchemaRegistryClient registry) {
        <V extends SpecificRecord> Topic<V> topic(String name, Class<V> type, TopicLayout layout) {
            return new Topic<>(prefix + name, AvroSerdes.specific(type, registry, false), layout);
        }
    }
}
