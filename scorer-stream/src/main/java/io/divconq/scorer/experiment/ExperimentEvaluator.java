package io.divconq.scorer.experiment;

import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.LabelStats;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each experiment's state (arm totals, weights, history) in a store and publishes its judged result on every
 * change; when a guardrail fires, also emits the weight change that stops routing to the arm.
 */
public final class ExperimentEvaluator implements Processor<String, Object, String, Object> {

    public static final String STORE = "experiment-state-store";

    private final ExperimentEvaluation evaluation;
    private final String experiment;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ExperimentState> store;

    public ExperimentEvaluator(ExperimentEvaluation evaluation, String experiment) {
        this.evaluation = evaluation;
        this.experiment = experiment;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        ExperimentState state = store.get(experiment);
        if (state == null) state = evaluation.initialState();
        if (record.value() instanceof ArmStats stats && (stats.getExperiment() == null || experiment.equals(stats.getExperiment()))) {
            state = evaluation.applyArmStats(state, stats);
        } else if (record.value() instanceof ExperimentControl change && experiment.equals(change.getExperiment())) {
            state = evaluation.applyControl(state, change);
        } else if (record.value() instanceof LabelStats labels) {
            state = ExperimentState.newBuilder(state).setLabels(labels).build();
        } else {
            return;
        }
        long now = context.currentSystemTimeMs();
        ExperimentEvaluation.Outcome outcome = evaluation.evaluate(state, now);
        for (ExperimentControl stop : outcome.stopRouting()) {
            context.forward(new Record<>(experiment, stop, now));
        }
        store.put(experiment, outcome.state());
        context.forward(new Record<>(experiment, outcome.result(), now));
    }
}
