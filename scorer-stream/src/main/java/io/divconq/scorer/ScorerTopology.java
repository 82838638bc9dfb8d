package io.divconq.scorer;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.Feedback;
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
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * solutions → scores (metric and cost per problem), failures → dlq. Then, per arm: running totals (arm-stats) and
 * tumbling-window totals (arm-stats-windowed) of scores, dead letters, late labels from the feedback topic and
 * shadow-mode agreement; and per experiment the judged result (experiment-results), with guardrail weight
 * changes sent to experiment-control.
 */
public final class ScorerTopology {

    public static final String STAGE = "score";

    /** The scorer stream; it makes no model calls. */
    public static final StreamAssembly STREAM = new StreamAssembly("scorer", (context, settings, router) ->
            StreamAssembly.Assembled.alone(build(settings, new ScoreCalculator(context.config().prices(), System::currentTimeMillis),
                    context.config().experiment())));
    public static final String ARM_STATS_STORE = "arm-stats-store";
    public static final String ARM_STATS_WINDOWED_STORE = "arm-stats-windowed-store";

    private ScorerTopology() {
    }

    public static Topology build(StageSettings s, ScoreCalculator calculator, ExperimentConfig experiment) {
        StreamsBuilder builder = new StreamsBuilder();
        var processor = new SyncStageSupplier<Solution, Score>(STAGE, s.topics().solutions().serde().deserializer(),
                solution -> {
                    Score score = calculator.score(solution);
                    return new SyncStageSupplier.Keyed<>(score.getProblemId(), score);
                }, solution -> new io.divconq.common.async.JobInfo(solution.getProblemId(), solution.getExperiment(), solution.getArm()));
        TopicCatalog topics = s.topics();
        processor.guardedBy(s.outputGuard(topics.scores(), List::of));
        KStream<String, Score> scores = StageWiring.wire(builder, STAGE, topics.solutions(), processor,
                topics.scores(), topics.deadLetters());
        KStream<String, Score> primary = scores.filter((k, v) -> !v.getShadow(), Named.as("primary-scores"));
        KStream<String, Score> shadow = scores.filter((k, v) -> v.getShadow(), Named.as("shadow-scores"));

        Duration feedbackWindow = Duration.ofMillis(experiment.feedbackWindowMs());
        KStream<String, Score> labelled = primary
                .filter((k, v) -> v.getMetricValue() == null, Named.as("scores-without-gold"))
                .join(decoded(builder, topics.feedback(), "feedback"),
                        ScorerTopology::label, JoinWindows.ofTimeDifferenceWithNoGrace(feedbackWindow),
                        StreamJoined.with(Serdes.String(), topics.scores().serde(), topics.feedback().serde()).withName("labels"))
                .filter((k, v) -> v != null, Named.as("usable-labels"));
        KStream<String, ShadowPair> pairs = primary.join(shadow, ScorerTopology::pair,
                JoinWindows.ofTimeDifferenceWithNoGrace(feedbackWindow),
                StreamJoined.with(Serdes.String(), topics.scores().serde(), topics.scores().serde()).withName("shadow-pairs"));

        CogroupedKStream<String, ArmStats> perArm = primary
                .groupBy((k, v) -> v.getArm(), Grouped.with("scores-by-arm", Serdes.String(), topics.scores().serde()))
                .<ArmStats>cogroup(ArmStatsAggregator::add)
                .cogroup(deadLettersWithArm(builder, s).groupBy((k, v) -> v.getArm(),
                        Grouped.with("dead-letters-by-arm", Serdes.String(), topics.deadLetters().serde())), ArmStatsAggregator::addDeadLetter)
                .cogroup(labelled.groupBy((k, v) -> v.getArm(),
                        Grouped.with("labels-by-arm", Serdes.String(), topics.scores().serde())), ArmStatsAggregator::addLabel)
                .cogroup(shadow.groupBy((k, v) -> v.getArm(),
                        Grouped.with("shadow-scores-by-arm", Serdes.String(), topics.scores().serde())), ArmStatsAggregator::addShadowCost)
                .cogroup(pairs.groupBy((k, v) -> v.getArm(),
                        Grouped.with("shadow-pairs-by-arm", Serdes.String(), topics.serde(ShadowPair.class))), ArmStatsAggregator::addShadowPair);

        KTable<String, ArmStats> armStats = perArm.aggregate(ArmStatsAggregator::empty, Named.as("arm-stats"),
                Materialized.<String, ArmStats, KeyValueStore<Bytes, byte[]>>as(ARM_STATS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(topics.armStats().serde()));
        armStats.toStream(Named.as("arm-stats-changes"))
                .to(topics.armStats().name(), Produced.with(Serdes.String(), topics.armStats().serde()).withName("arm-stats-sink"));

        Duration window = Duration.ofMillis(experiment.windowMs());
        perArm.windowedBy(TimeWindows.ofSizeWithNoGrace(window))
                .aggregate(ArmStatsAggregator::empty, Named.as("arm-stats-windowed"),
                        Materialized.<String, ArmStats, WindowStore<Bytes, byte[]>>as(ARM_STATS_WINDOWED_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.armStats().serde()))
                .toStream(Named.as("arm-stats-window-changes"))
                .filter((k, v) -> v != null, Named.as("arm-stats-window-values"))
                .map((k, v) -> KeyValue.pair(k.key() + "@" + k.window().start(), ArmStats.newBuilder(v)
                        .setWindowStartMs(k.window().start()).setWindowEndMs(k.window().end()).build()), Named.as("arm-stats-window-keys"))
                .to(topics.armStatsWindowed().name(), Produced.with(Serdes.String(), topics.armStatsWindowed().serde()).withName("arm-stats-windowed-sink"));

        experiment(builder, s, armStats, experiment);
        return builder.build();
    }

    /** Arm totals and weight changes meet, per experiment, in one single-partition task that judges the experiment. */
    private static void experiment(StreamsBuilder builder, StageSettings s, KTable<String, ArmStats> armStats, ExperimentConfig config) {
        TopicCatalog topics = s.topics();
        KStream<String, Object> totals = armStats.toStream(Named.as("arm-stats-for-experiment"))
                .filter((k, v) -> v != null, Named.as("arm-stats-present"))
                .selectKey((k, v) -> config.name(), Named.as("arm-stats-by-experiment-key"))
                .repartition(Repartitioned.with(Serdes.String(), topics.armStats().serde())
                        .withNumberOfPartitions(1).withName("arm-stats-by-experiment"))
                .mapValues(v -> (Object) v, Named.as("arm-stats-as-input"));
        KStream<String, Object> controls = decoded(builder, topics.experimentControl(), "experiment-control")
                .mapValues(v -> (Object) v, Named.as("control-as-input"));
        ExperimentEvaluation evaluation = new ExperimentEvaluation(config);
        KStream<String, Object> outputs = totals.merge(controls, Named.as("experiment-inputs"))
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

    /** A label joined to a score without gold: judged by the person, or by the dataset's metric against the true answer. */
    static Score label(Score score, Feedback feedback) {
        DatasetDefinition dataset = Datasets.get(score.getDataset());
        if (feedback.getCorrect() != null) {
            double value = feedback.getCorrect() ? 1.0 : 0.0;
            return Score.newBuilder(score).setMetricValue(value).setCorrect(feedback.getCorrect()).setGoldAnswers(List.of()).build();
        }
        if (feedback.getTrueAnswer() == null) return null;
        Judgement j = dataset.judge(score.getPredicted(), List.of(dataset.answer().spans(feedback.getTrueAnswer())));
        return Score.newBuilder(score).setMetricValue(dataset.valueOf(j)).setCorrect(dataset.isCorrect(j)).setMeasures(j.measures())
                .setGoldAnswers(List.of(feedback.getTrueAnswer())).build();
    }

    /** Do the treatment's answer and the control-decomposition (shadow) answer agree, by the dataset's metric? */
    static ShadowPair pair(Score primary, Score shadow) {
        DatasetDefinition dataset = Datasets.get(primary.getDataset());
        boolean agree = dataset.isCorrect(dataset.judge(primary.getPredicted(), List.of(dataset.answer().spans(shadow.getPredicted()))));
        return new ShadowPair(primary.getProblemId(), primary.getArm(), agree, primary.getPredicted(), shadow.getPredicted());
    }

    /** Dead letters of the decompose and solve stages that name an arm. */
    private static KStream<String, DeadLetter> deadLettersWithArm(StreamsBuilder builder, StageSettings s) {
        return decoded(builder, s.topics().deadLetters(), "dlq")
                .filter((k, d) -> d.getArm() != null && !STAGE.equals(d.getStage()), Named.as("dead-letters-with-arm"));
    }

    /** A topic's records that decode; anything else on a topic the scorer only reads is skipped, not fatal. */
    private static <T> KStream<String, T> decoded(StreamsBuilder builder, Topic<T> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-source"))
                .flatMapValues(bytes -> {
                    try {
                        T value = topic.decode(bytes);
                        return value == null ? List.<T>of() : List.of(value);
                    } catch (RuntimeException e) {
                        return List.<T>of();
                    }
                }, Named.as(name + "-decoded"));
    }
}
