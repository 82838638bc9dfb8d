package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.common.async.SyncStageSupplier;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * solutions → scores (metric and cost per problem), failures → dlq; then per-arm running totals of scores and of
 * the pipeline's dead letters → arm-stats (a KTable, compacted topic).
 */
public final class ScorerTopology {

    public static final String STAGE = "score";
    public static final String ARM_STATS_STORE = "arm-stats-store";

    private ScorerTopology() {
    }

    public static Topology build(StageSettings s, ScoreCalculator calculator) {
        StreamsBuilder builder = new StreamsBuilder();
        var processor = new SyncStageSupplier<Solution, Score>(STAGE, s.serdes().solution().deserializer(),
                solution -> {
                    Score score = calculator.score(solution);
                    return new SyncStageSupplier.Keyed<>(score.getProblemId(), score);
                });
        KStream<String, Score> scores = StageWiring.wire(builder, STAGE, s.topics().solutions(), processor,
                s.topics().scores(), s.serdes().score(), s.topics().deadLetters(), s.serdes().deadLetter());

        KGroupedStream<String, Score> scoresByArm = scores
                .filter((k, v) -> !v.getShadow(), Named.as("primary-scores"))
                .groupBy((k, v) -> v.getArm(), Grouped.with("scores-by-arm", Serdes.String(), s.serdes().score()));
        KGroupedStream<String, DeadLetter> deadLettersByArm = deadLettersWithArm(builder, s)
                .groupBy((k, v) -> v.getArm(), Grouped.with("dead-letters-by-arm", Serdes.String(), s.serdes().deadLetter()));

        scoresByArm.<ArmStats>cogroup(ArmStatsAggregator::add)
                .cogroup(deadLettersByArm, ArmStatsAggregator::addDeadLetter)
                .aggregate(ArmStatsAggregator::empty, Named.as("arm-stats"),
                        Materialized.<String, ArmStats, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(ARM_STATS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(s.serdes().armStats()))
                .toStream(Named.as("arm-stats-changes"))
                .to(s.topics().armStats(), Produced.with(Serdes.String(), s.serdes().armStats()).withName("arm-stats-sink"));
        return builder.build();
    }

    /** Dead letters of the decompose and solve stages that name an arm; records that do not decode are skipped. */
    private static KStream<String, DeadLetter> deadLettersWithArm(StreamsBuilder builder, StageSettings s) {
        var deserializer = s.serdes().deadLetter().deserializer();
        String topic = s.topics().deadLetters();
        return builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("dlq-source"))
                .flatMapValues(bytes -> {
                    try {
                        DeadLetter d = deserializer.deserialize(topic, bytes);
                        return d != null && d.getArm() != null && !STAGE.equals(d.getStage()) ? java.util.List.of(d) : java.util.List.<DeadLetter>of();
                    } catch (RuntimeException e) {
                        return java.util.List.<DeadLetter>of();
                    }
                }, Named.as("dead-letters-with-arm"));
    }
}
