package io.divconq.distill.rollout;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.RolloutState;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StageWiring;
import io.divconq.distill.stream.KeyedStateProcessors;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** experiment-results + experiment-control → rollout decisions on experiment-control, for arms that carry a rollout. */
public final class RolloutTopology {

    private RolloutTopology() {
    }

    /** Adds the controller to a topology when some arm has a rollout; nothing otherwise. */
    public static void add(StreamsBuilder builder, StageSettings s, ExperimentConfig experiment) {
        List<RolloutController> controllers = controllers(experiment);
        if (controllers.isEmpty()) return;
        var t = s.topics();
        KStream<String, Object> results = StageWiring.decoded(builder, t.experimentResults(), "rollout-results")
                .mapValues(v -> (Object) v, Named.as("rollout-results-in"));
        KStream<String, Object> commands = StageWiring.decoded(builder, t.experimentControl(), "rollout-commands")
                .filter((k, c) -> RolloutCommand.ofSource(c.getSource()).isPresent(), Named.as("rollout-commands-only"))
                .mapValues(v -> (Object) v, Named.as("rollout-commands-in"));
        results.merge(commands, Named.as("rollout-inputs"))
                .process(KeyedStateProcessors.<String, Object, String, ExperimentControl, RolloutState>withStore(RolloutProcessor.STORE,
                        t.serde(RolloutState.class), () -> new RolloutProcessor(experiment.name(), controllers)),
                        Named.as("rollout-controller"))
                .to(t.experimentControl().name(), Produced.with(Serdes.String(), t.experimentControl().serde()).withName("rollout-decisions"));
    }

    /** One controller per treatment arm that carries a rollout. */
    public static List<RolloutController> controllers(ExperimentConfig experiment) {
        return experiment.arms().stream().filter(a -> a.rollout() != null && !a.name().equals(experiment.control()))
                .map(a -> new RolloutController(a.name(), a.rollout())).toList();
    }

    /** The arms whose rollout the configuration names, for commands. */
    public static List<String> arms(ExperimentConfig experiment) {
        return experiment.arms().stream().filter(a -> a.rollout() != null).map(ArmConfig::name).toList();
    }
}
