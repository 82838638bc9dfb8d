package io.divconq.decomposer;

import io.divconq.avro.ExperimentControl;
import io.divconq.common.topics.Topic;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global-store processor of the decomposer's topology over experiment-control: applies every change, in order,
 * to the live weights (through {@link io.divconq.common.weights.WeightChanges}) and keeps each experiment's weight
 * version in the store. Kafka Streams runs it over the topic's whole history on start, before any problem is
 * assigned, and then on each new change — no side thread, no consumer of its own.
 */
final class WeightsFollower implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(WeightsFollower.class);

    private final ExperimentWeights weights;
    private final Topic<ExperimentControl> topic;
    private KeyValueStore<String, Long> versions;

    WeightsFollower(ExperimentWeights weights, Topic<ExperimentControl> topic) {
        this.weights = weights;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        versions = context.getStateStore(DecomposerTopology.WEIGHTS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ExperimentControl change;
        try {
            change = record.value() == null ? null : topic.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("skipping an undecodable record on {}: {}", topic.name(), e.toString());
            return;
        }
        if (change == null) return;
        weights.apply(change);
        versions.put(weights.experiment().name(), weights.current().weights().version());
    }
}
