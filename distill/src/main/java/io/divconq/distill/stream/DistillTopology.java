package io.divconq.distill.stream;

import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillState;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import io.divconq.common.streams.StreamAssembly;
import io.divconq.distill.rollout.RolloutTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * solutions + scores + feedback + dlq → distill-examples: one compacted record per decomposition with its outcome,
 * the training data of a student decomposer; and, when arms carry rollouts, the rollout controller. Runs beside the
 * scorer; records that do not decode are skipped.
 */
public final class DistillTopology {

    /** The distill stream (with the rollout controller when arms carry rollouts); it makes no model calls. */
    public static final StreamAssembly STREAM = new StreamAssembly("distill", (context, settings, router) ->
            StreamAssembly.Assembled.alone(build(settings, context.config().experiment())));

    private DistillTopology() {
    }

    public static Topology build(StageSettings s, ExperimentConfig experiment) {
        StreamsBuilder builder = new StreamsBuilder();
        var t = s.topics();
        KStream<String, Object> solutions = StageWiring.decoded(builder, t.solutions(), "distill-solutions")
                .mapValues(v -> (Object) v, Named.as("distill-solutions-in"));
        KStream<String, Object> scores = StageWiring.decoded(builder, t.scores(), "distill-scores")
                .mapValues(v -> (Object) v, Named.as("distill-scores-in"));
        KStream<String, Object> feedback = StageWiring.decoded(builder, t.feedback(), "distill-feedback")
                .mapValues(v -> (Object) v, Named.as("distill-feedback-in"));
        // Dead letters are keyed by whatever the failing stage read; re-key them by problem to meet the rest.
        KStream<String, Object> failures = StageWiring.decoded(builder, t.deadLetters(), "distill-dlq")
                .filter((k, d) -> d.getProblemId() != null && d.getArm() != null, Named.as("distill-dlq-of-problems"))
                .map((k, d) -> KeyValue.pair(d.getProblemId(), d), Named.as("distill-dlq-by-problem"))
                .repartition(Repartitioned.with(Serdes.String(), t.deadLetters().serde()).withName("distill-dlq-by-problem"))
                .mapValues(v -> (Object) v, Named.as("distill-dlq-in"));
        ExampleRows rows = new ExampleRows(experiment);
        solutions.merge(scores, Named.as("distill-merge-scores")).merge(feedback, Named.as("distill-merge-feedback"))
                .merge(failures, Named.as("distill-merge-dlq"))
                .process(KeyedStateProcessors.<String, Object, String, DistillExample, DistillState>withStore(DistillProcessor.STORE,
                        t.serde(DistillState.class), () -> new DistillProcessor(rows, t.problems(), t.decompositions(), t.solutions())),
                        Named.as("distill-examples"))
                .to(t.distillExamples().name(), Produced.with(Serdes.String(), t.distillExamples().serde()).withName("distill-examples-sink"));
        RolloutTopology.add(builder, s, experiment);
        return builder.build();
    }
}
