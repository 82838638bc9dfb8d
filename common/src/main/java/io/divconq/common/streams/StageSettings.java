package io.divconq.common.streams;

import io.divconq.common.serde.DivconqSerdes;
import io.divconq.common.topics.Topics;
import java.time.Duration;

/**
 * What every stage topology is built from besides its own logic.
 * punctuateEvery: how often finished model calls are forwarded; maxQueuedPerTask: jobs a task buffers for a full
 * endpoint before it applies backpressure; blocking: the naive one-call-at-a-time baseline; maxRecordBytes: larger
 * outputs are dead-lettered; dedupWindowMs: how long the decomposer remembers problem ids; meters: where stages
 * count what they do.
 */
public record StageSettings(Topics topics, DivconqSerdes serdes, Duration punctuateEvery, int maxQueuedPerTask,
                            boolean blocking, int maxRecordBytes, long dedupWindowMs,
                            io.micrometer.core.instrument.MeterRegistry meters) {

    public static final int DEFAULT_MAX_QUEUED_PER_TASK = 32;

    public static StageSettings of(Topics topics, DivconqSerdes serdes) {
        return new StageSettings(topics, serdes, Duration.ofMillis(10), DEFAULT_MAX_QUEUED_PER_TASK, false,
                io.divconq.common.config.DivconqConfig.StreamsSettings.DEFAULT_MAX_RECORD_BYTES,
                io.divconq.common.config.DivconqConfig.StreamsSettings.DEFAULT_DEDUP_WINDOW_MS,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    public StageSettings withBlocking(boolean newBlocking) {
        return new StageSettings(topics, serdes, punctuateEvery, maxQueuedPerTask, newBlocking, maxRecordBytes, dedupWindowMs, meters);
    }

    /** Record size limit and dedup window from the configuration. */
    public StageSettings withStreams(io.divconq.common.config.DivconqConfig.StreamsSettings streams) {
        return new StageSettings(topics, serdes, punctuateEvery, maxQueuedPerTask, blocking, streams.maxRecordBytes(),
                streams.dedupWindowMs(), meters);
    }

    /** Where stages register their own meters. */
    public StageSettings withMeters(io.micrometer.core.instrument.MeterRegistry newMeters) {
        return new StageSettings(topics, serdes, punctuateEvery, maxQueuedPerTask, blocking, maxRecordBytes, dedupWindowMs,
                newMeters);
    }

    /** The guard that dead-letters outputs that would not fit {@code topic}. */
    public <O, V> io.divconq.common.async.OutputGuard<O> outputGuard(String topic, org.apache.kafka.common.serialization.Serde<V> serde,
                                                                    java.util.function.Function<O, java.util.List<V>> records) {
        return io.divconq.common.async.OutputGuard.maxBytes(topic, serde.serializer(), records, maxRecordBytes);
    }
}
