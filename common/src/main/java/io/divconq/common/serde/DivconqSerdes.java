package io.divconq.common.serde;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.Feedback;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.registry.AvroSerdes;
import io.divconq.registry.SchemaRegistryClient;
import io.divconq.registry.SchemaRegistryClients;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/** The value serde of every divconq topic: Avro in the Confluent wire format, schemas in the given registry. */
public final class DivconqSerdes {

    private final SchemaRegistryClient registry;
    private final Serde<Problem> problem;
    private final Serde<Decomposition> decomposition;
    private final Serde<Solution> solution;
    private final Serde<Score> score;
    private final Serde<ArmStats> armStats;
    private final Serde<DeadLetter> deadLetter;
    private final Serde<Feedback> feedback;
    private final Serde<ExperimentControl> experimentControl;
    private final Serde<ExperimentResult> experimentResult;

    public DivconqSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
        this.problem = AvroSerdes.specific(Problem.class, registry, false);
        this.decomposition = AvroSerdes.specific(Decomposition.class, registry, false);
        this.solution = AvroSerdes.specific(Solution.class, registry, false);
        this.score = AvroSerdes.specific(Score.class, registry, false);
        this.armStats = AvroSerdes.specific(ArmStats.class, registry, false);
        this.deadLetter = AvroSerdes.specific(DeadLetter.class, registry, false);
        this.feedback = AvroSerdes.specific(Feedback.class, registry, false);
        this.experimentControl = AvroSerdes.specific(ExperimentControl.class, registry, false);
        this.experimentResult = AvroSerdes.specific(ExperimentResult.class, registry, false);
    }

    /**
     * Serdes against the configured registry; basic auth ("user:password") from the environment variable the
     * configuration names, never from the file itself.
     */
    public static DivconqSerdes forConfig(io.divconq.common.config.DivconqConfig config, java.util.function.Function<String, String> env) {
        Optional<String> auth = Optional.ofNullable(config.schemaRegistry().basicAuthEnv()).map(env).filter(s -> !s.isBlank());
        return forRegistry(config.schemaRegistry().url(), auth);
    }

    /** Serdes against the registry at url (http(s)://… or mock://scope); basic auth "user:password" if given. */
    public static DivconqSerdes forRegistry(String url, Optional<String> basicAuthUserInfo) {
        return new DivconqSerdes(SchemaRegistryClients.create(url, basicAuthUserInfo));
    }

    public SchemaRegistryClient registry() { return registry; }
    public Serde<Problem> problem() { return problem; }
    public Serde<Decomposition> decomposition() { return decomposition; }
    public Serde<Solution> solution() { return solution; }
    public Serde<Score> score() { return score; }
    public Serde<ArmStats> armStats() { return armStats; }
    public Serde<DeadLetter> deadLetter() { return deadLetter; }
    public Serde<Feedback> feedback() { return feedback; }
    public Serde<ExperimentControl> experimentControl() { return experimentControl; }
    public Serde<ExperimentResult> experimentResult() { return experimentResult; }

    /**
     * Registers the value schema of every divconq topic (outputs and the dead-letter topic included), so a stream
     * never meets an unregistered schema mid-run. Waits out registry outages like every other registry call.
     */
    public void registerSchemas(io.divconq.common.topics.Topics topics) {
        java.util.Map<String, org.apache.avro.Schema> byTopic = new java.util.LinkedHashMap<>();
        byTopic.put(topics.problems(), Problem.getClassSchema());
        byTopic.put(topics.decompositions(), Decomposition.getClassSchema());
        byTopic.put(topics.solutions(), Solution.getClassSchema());
        byTopic.put(topics.scores(), Score.getClassSchema());
        byTopic.put(topics.deadLetters(), DeadLetter.getClassSchema());
        byTopic.put(topics.feedback(), Feedback.getClassSchema());
        byTopic.put(topics.armStats(), ArmStats.getClassSchema());
        byTopic.put(topics.armStatsWindowed(), ArmStats.getClassSchema());
        byTopic.put(topics.experimentControl(), ExperimentControl.getClassSchema());
        byTopic.put(topics.experimentResults(), ExperimentResult.getClassSchema());
        byTopic.forEach((topic, schema) -> registry.register(io.divconq.registry.TopicNameStrategy.subject(topic, false), schema));
    }

    /** A serde for any other Avro type (internal aggregates), against the same registry. */
    public <T extends org.apache.avro.specific.SpecificRecord> Serde<T> of(Class<T> type) {
        return AvroSerdes.specific(type, registry, false);
    }
}
