package io.divconq.common.streams;

import io.divconq.common.async.AsyncStageOptions;
import io.divconq.common.async.OutputGuard;
import io.divconq.common.config.DivconqConfig.StreamsSettings;
import io.divconq.common.topics.AvroSizeBound;
import io.divconq.common.topics.Topic;
import io.divconq.common.topics.TopicCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.function.Function;

/**
 * What every stage topology is built from besides its own logic: the topics, how async jobs run, the largest
 * output record a stage writes (larger ones are dead-lettered) and how long the decomposer remembers problem ids.
 */
public record StageSettings(TopicCatalog topics, AsyncStageOptions async, int maxRecordBytes, long dedupWindowMs) {

    public StageSettings(TopicCatalog topics, AsyncStageOptions async) {
        this(topics, async, StreamsSettings.DEFAULT_MAX_RECORD_BYTES, StreamsSettings.DEFAULT_DEDUP_WINDOW_MS);
    }

    public static StageSettings of(TopicCatalog topics) {
        return new StageSettings(topics, AsyncStageOptions.defaults());
    }

    public StageSettings withBlocking(boolean blocking) {
        return new StageSettings(topics, async.withBlocking(blocking), maxRecordBytes, dedupWindowMs);
    }

    /** Record size limit and dedup window from the configuration. */
    public StageSettings withStreams(StreamsSettings streams) {
        return new StageSettings(topics, async, streams.maxRecordBytes(), streams.dedupWindowMs());
    }

    public StageSettings withMeters(MeterRegistry meters) {
        return new StageSettings(topics, async.withMeters(meters), maxRecordBytes, dedupWindowMs);
    }

    /** Where stages count what they do (a private registry when none was given). */
    public MeterRegistry meters() {
        return async.meters() != null ? async.meters() : new SimpleMeterRegistry();
    }

    /** The guard that dead-letters outputs that would not fit {@code topic}. */
    public <O, V> OutputGuard<O> outputGuard(Topic<V> topic, Function<O, List<V>> records) {
        return OutputGuard.maxBytes(topic.name(), topic.serde().serializer(), records, maxRecordBytes, AvroSizeBound::ofAny);
    }
}
