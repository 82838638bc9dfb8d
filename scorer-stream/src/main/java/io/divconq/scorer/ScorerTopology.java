package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.Feedback;
import io.divconq.avro.LabelStats;
import io.divconq.avro.Score;
import io.divconq.avro.ShadowPair;
import io.divconq.avro.Solution;
import io.divconq.common.async.SyncStageSupplier;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import io.divconq.common.streams.StreamAssembly;
import io.divconq.common.topics.Topic;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.scorer.experiment.ExperimentEvaluation;
import io.divconq.scorer.experiment.ExperimentEvaluator;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.Datasets;
import io.divconq.datasets.metric.Judgement;
import io.divconq.scorer.labels.LabelAccounting;
import io.divconq.scorer.shadow.Agreement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.CogroupedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * solutions → scores (metric and cost per problem), failures → dlq; and every dead letter of an arm's problem → that
 * problem's failed score (intention to treat). Then, per arm, over the latest score of each problem with its latest
 * feedback label: running totals (arm-stats), plus shadow-run outcomes kept apart; tumbling-window totals, each
 * problem once per window (arm-stats-windowed, {@link WindowedArmStats}); and per experiment the judged result (experiment-results), with guardrail weight
 * changes sent to experiment-control.
 */
public final class ScorerTopology {

    public static final String STAGE = "score";

    /** The scorer stream; it makes no model calls. */
    public static final StreamAssembly STREAM = new StreamAssembly("scorer", (context, settings, router) ->
            StreamAssembly.Assembled.alone(build(settings, new ScoreCalculator(context.config().prices(), System::currentTimeMillis),
                    context.config().experiment())));
    public static final String ARM_STATS_STORE = "arm-stats-store";
    public static final String ARM_STATS_WINDOWED_STORE = WindowedArmStats.STORE;
    /** The latest score of each problem (intention to treat: a replay replaces a failed score). */
    public static final String LATEST_SCORE_STORE = "latest-score-by-problem-store";
    public static final String LATEST_SHADOW_STORE = "latest-shadow-by-problem-store";
    /** The latest score of each problem with its latest label. */
    public static final String JUDGED_SCORE_STORE = "judged-score-by-problem-store";
    /** The latest shadow outcome (pair, or flagged failure) of each problem. */
    public static final String SHADOW_OUTCOME_STORE = "shadow-outcome-by-problem-store";

    private ScorerTopology() {
    }

    public static Topology build(StageSettings s, ScoreCalculator calculator, ExperimentConfig experiment) {
        StreamsBuilder builder = new StreamsBuilder();
        var processor = new SyncStageSupplier<Solution, Score>(STAGE, s.topics().solutions().serde().deserializer(),
                solution -> {
                    Score score = calculator.score(solution);
                    return new SyncStageSupplier.Keyed<>(score.getProblemId(), score);
                }, solution -> new io.divconq.common.async.JobInfo(solution.getProblemId(), solution.getExperiment(), solution.getArm(),
                        null, solution.getDecomposition() != null && solution.getDecomposition().getShadow()));
        TopicCatalog topics = s.topics();
        processor.guardedBy(s.outputGuard(topics.scores(), List::of));
        KStream<String, Score> scores = StageWiring.wire(builder, STAGE, topics.solutions(), processor,
                topics.scores(), topics.deadLetters());
        FailedScores failedScores = new FailedScores(topics, calculator.prices(), calculator.clock());
        KStream<String, Score> failed = decoded(builder, topics.deadLetters(), "dlq")
                .flatMapValues(d -> failedScores.of(d).map(List::of).orElse(List.of()), Named.as("failed-scores"))
                .selectKey((k, v) -> v.getProblemId(), Named.as("failed-scores-by-problem"));
        failed.to(topics.scores().name(), Produced.with(Serdes.String(), topics.scores().serde()).withName("failed-scores-sink"));
        KStream<String, Score> accounted = scores.merge(failed, Named.as("accounted-scores"));

        Materialized<String, Score, KeyValueStore<Bytes, byte[]>> scoreStore = Materialized.<String, Score, KeyValueStore<Bytes, byte[]>>
                as(LATEST_SCORE_STORE).withKeySerde(Serdes.String()).withValueSerde(topics.scores().serde());
        KTable<String, Score> latest = accounted.filter((k, v) -> !v.getShadow(), Named.as("primary-scores"))
                .toTable(Named.as("latest-score-by-problem"), scoreStore);
        KTable<String, Score> latestShadow = accounted.filter((k, v) -> v.getShadow(), Named.as("shadow-scores"))
                .toTable(Named.as("latest-shadow-by-problem"), Materialized.<String, Score, KeyValueStore<Bytes, byte[]>>
                        as(LATEST_SHADOW_STORE).withKeySerde(Serdes.String()).withValueSerde(topics.scores().serde()));
        LabelAccounting.Labels labels = LabelAccounting.wire(builder, topics, latest, experiment.name());
        // Both joins below are materialized: an aggregate over a join takes each problem's old join value from the
        // join's own store. Unmaterialized, the old value is recomputed from the other side's current value, and when
        // both sides of a problem change within one cache flush the aggregate adds the problem twice.
        KTable<String, Score> judged = latest.leftJoin(labels.latest(), ScorerTopology::label, Named.as("scores-with-labels"),
                Materialized.<String, Score, KeyValueStore<Bytes, byte[]>>as(JUDGED_SCORE_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(topics.scores().serde()));

        KTable<String, ArmStats> own = judged
                .groupBy((id, score) -> KeyValue.pair(score.getArm(), score),
                        Grouped.with("scores-by-arm", Serdes.String(), topics.scores().serde()))
                .aggregate(ArmStatsAggregator::empty, ArmStatsAggregator::add, ArmStatsAggregator::subtract,
                        Named.as("arm-own-stats"), Materialized.<String, ArmStats, KeyValueStore<Bytes, byte[]>>as("arm-own-stats-store")
                                .withKeySerde(Serdes.String()).withValueSerde(topics.armStats().serde()));
        KTable<String, ArmStats> shadowStats = latestShadow
                .leftJoin(latest, Agreement::outcome, Named.as("shadow-outcomes"),
                        Materialized.<String, ShadowPair, KeyValueStore<Bytes, byte[]>>as(SHADOW_OUTCOME_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.serde(ShadowPair.class)))
                .groupBy((id, pair) -> KeyValue.pair(pair.getArm(), pair),
                        Grouped.with("shadow-outcomes-by-arm", Serdes.String(), topics.serde(ShadowPair.class)))
                .aggregate(ArmStatsAggregator::empty, ArmStatsAggregator::addShadow, ArmStatsAggregator::subtractShadow,
                        Named.as("arm-shadow-stats"), Materialized.<String, ArmStats, KeyValueStore<Bytes, byte[]>>as("arm-shadow-stats-store")
                                .withKeySerde(Serdes.String()).withValueSerde(topics.armStats().serde()));
        KTable<String, ArmStats> armStats = own.leftJoin(shadowStats, ArmStatsAggregator::withShadow, Named.as("arm-stats"),
                Materialized.<String, ArmStats, KeyValueStore<Bytes, byte[]>>as(ARM_STATS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(topics.armStats().serde()));
        armStats.toStream(Named.as("arm-stats-changes"))
                .to(topics.armStats().name(), Produced.with(Serdes.String(), topics.armStats().serde()).withName("arm-stats-sink"));

        WindowedArmStats.wire(accounted.filter((k, v) -> !v.getShadow(), Named.as("primary-score-events")), topics,
                Duration.ofMillis(experiment.windowMs()));

        experiment(builder, s, armStats, labels.account(), experiment);
        return builder.build();
    }

    /** Arm totals and weight changes meet, per experiment, in one single-partition task that judges the experiment. */
    private static void experiment(StreamsBuilder builder, StageSettings s, KTable<String, ArmStats> armStats,
                                   KStream<String, LabelStats> labelAccount, ExperimentConfig config) {
        TopicCatalog topics = s.topics();
        KStream<String, Object> totals = armStats.toStream(Named.as("arm-stats-for-experiment"))
                .filter((k, v) -> v != null, Named.as("arm-stats-present"))
                .selectKey((k, v) -> config.name(), Named.as("arm-stats-by-experiment-key"))
                .repartition(Repartitioned.with(Serdes.String(), topics.armStats().serde())
                        .withNumberOfPartitions(1).withName("arm-stats-by-experiment"))
                .mapValues(v -> (Object) v, Named.as("arm-stats-as-input"));
        KStream<String, Object> controls = decoded(builder, topics.experimentControl(), "experiment-control")
                .mapValues(v -> (Object) v, Named.as("control-as-input"));
        KStream<String, Object> labels = labelAccount
                .repartition(Repartitioned.with(Serdes.String(), topics.serde(LabelStats.class))
                        .withNumberOfPartitions(1).withName("label-account-by-experiment"))
                .mapValues(v -> (Object) v, Named.as("label-account-as-input"));
        ExperimentEvaluation evaluation = new ExperimentEvaluation(config);
        KStream<String, Object> outputs = totals.merge(controls, Named.as("experiment-inputs"))
                .merge(labels, Named.as("experiment-inputs-with-labels"))
                .process(new ProcessorSupplier<String, Object, String, Object>() {
                    @Override
                    public ExperimentEvaluator get() {
                        return new ExperimentEvaluator(evaluation, config.name());
                    }

                    @Override
                    public Set<StoreBuilder<?>> stores() {
                        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExperimentEvaluator.STORE),
                                Serdes.String(), topics.serde(ExperimentState.class)));
                    }
                }, Named.as("experiment-evaluator"));
        outputs.filter((k, v) -> v instanceof ExperimentResult, Named.as("experiment-results"))
                .mapValues(v -> (ExperimentResult) v, Named.as("experiment-result-values"))
                .to(topics.experimentResults().name(), Produced.with(Serdes.String(), topics.experimentResults().serde()).withName("experiment-results-sink"));
        outputs.filter((k, v) -> v instanceof ExperimentControl, Named.as("guardrail-changes"))
                .mapValues(v -> (ExperimentControl) v, Named.as("guardrail-change-values"))
                .to(topics.experimentControl().name(), Produced.with(Serdes.String(), topics.experimentControl().serde()).withName("guardrail-sink"));
    }

    /**
     * A problem's score with its latest feedback label (null when none). Gold wins: a problem with gold keeps it and
     * the feedback is not counted. A failed problem's label is 0 (it gave no answer); an infrastructure failure is not
     * judged. A label is a person's verdict, or a true answer judged by the dataset's metric; one with neither changes
     * nothing.
     */
    static Score label(Score score, Feedback feedback) {
        if (feedback == null || "gold".equals(score.getLabelSource()) || score.getInfrastructureFailure()) return score;
        Score.Builder labelled = Score.newBuilder(score).setLabelSource("feedback")
                .setGoldAnswers(feedback.getTrueAnswer() == null ? List.of() : List.of(feedback.getTrueAnswer()));
        if (score.getFailed()) return labelled.setMetricValue(0.0).setCorrect(false).build();
        if (feedback.getCorrect() != null) {
            return labelled.setMetricValue(feedback.getCorrect() ? 1.0 : 0.0).setCorrect(feedback.getCorrect()).build();
        }
        if (feedback.getTrueAnswer() == null) return score;
        DatasetDefinition dataset = Datasets.get(score.getDataset());
        Judgement j = dataset.judge(score.getPredicted(), List.of(dataset.answer().spans(feedback.getTrueAnswer())));
        return labelled.setMetricValue(dataset.valueOf(j)).setCorrect(dataset.isCorrect(j)).setMeasures(j.measures()).build();
    }

    /** A topic's records that decode; anything else on a topic the scorer only reads is skipped, not fatal. */
    private static <T> KStream<String, T> decoded(StreamsBuilder builder, Topic<T> topic, String name) {
        return StageWiring.decoded(builder, topic, name);
    }
}
