package io.divconq.common.serde;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
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

    public DivconqSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
        this.problem = AvroSerdes.specific(Problem.class, registry, false);
        this.decomposition = AvroSerdes.specific(Decomposition.class, registry, false);
        this.solution = AvroSerdes.specific(Solution.class, registry, false);
        this.score = AvroSerdes.specific(Score.class, registry, false);
        this.armStats = AvroSerdes.specific(ArmStats.class, registry, false);
        this.deadLetter = AvroSerdes.specific(DeadLetter.class, registry, false);
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
}
