package io.divconq.common.streams;

import io.divconq.common.serde.DivconqSerdes;
import io.divconq.common.topics.Topics;
import java.time.Duration;

/**
 * What every stage topology is built from besides its own logic.
 * punctuateEvery: how often finished model calls are forwarded; maxQueuedPerTask: jobs a task buffers for a full
 * endpoint before it applies backpressure; blocking: the naive one-call-at-a-time baseline.
 */
public record StageSettings(Topics topics, DivconqSerdes serdes, Duration punctuateEvery, int maxQueuedPerTask,
                            boolean blocking) {

    public static final int DEFAULT_MAX_QUEUED_PER_TASK = 32;

    public static StageSettings of(Topics topics, DivconqSerdes serdes) {
        return new StageSettings(topics, serdes, Duration.ofMillis(10), DEFAULT_MAX_QUEUED_PER_TASK, false);
    }

    public StageSettings withBlocking(boolean newBlocking) {
        return new StageSettings(topics, serdes, punctuateEvery, maxQueuedPerTask, newBlocking);
    }
}
