package io.divconq.distill.rollout;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.RolloutState;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each arm's rollout controller on the experiment's results and on people's rollout commands, keeps each
 * rollout's state, and sends every weight decision (with its reason) to experiment-control.
 */
final class RolloutProcessor implements Processor<String, Object, String, ExperimentControl> {

    static final String STORE = "rollout-state";
    private static final Logger log = LoggerFactory.getLogger(RolloutProcessor.class);

    private final String experiment;
    private final List<RolloutController> controllers;
    private ProcessorContext<String, ExperimentControl> context;
    private KeyValueStore<String, RolloutState> store;

    RolloutProcessor(String experiment, List<RolloutController> controllers) {
        this.experiment = experiment;
        this.controllers = controllers;
    }

    @Override
    public void init(ProcessorContext<String, ExperimentControl> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        long now = record.timestamp();
        if (record.value() instanceof ExperimentResult result && experiment.equals(result.getExperiment())) {
            for (RolloutController c : controllers) {
                apply(c, c.decide(state(c), result, now), result.getWeights(), now);
            }
        } else if (record.value() instanceof ExperimentControl control && experiment.equals(control.getExperiment())) {
            RolloutCommand.ofSource(control.getSource()).ifPresent(cmd -> controllers.stream()
                    .filter(c -> c.arm().equals(cmd.arm()))
                    .forEach(c -> apply(c, c.command(state(c), cmd.command(), control.getReason()), Map.of(), now)));
        }
    }

    private RolloutState state(RolloutController c) {
        RolloutState s = store.get(c.arm());
        return s != null ? s : RolloutController.initial(c.arm());
    }

    private void apply(RolloutController c, RolloutDecision decision, Map<String, Double> weights, long now) {
        store.put(c.arm(), decision.state());
        double weight;
        if (decision instanceof RolloutDecision.Advance a) weight = RolloutWeights.forShare(weights, c.arm(), a.share());
        else if (decision instanceof RolloutDecision.RollBack) weight = 0.0;
        else return;
        log.info("rollout of {}: weight {} ({})", c.arm(), weight, decision.reason());
        context.forward(new Record<>(experiment, ExperimentControl.newBuilder().setExperiment(experiment)
                .setWeights(Map.of(c.arm(), weight)).setReason(decision.reason()).setSource(RolloutCommand.CONTROLLER_SOURCE)
                .setAtMs(now).build(), now));
    }
}
