package io.divconq.common.streams;

import io.divconq.common.serde.DivconqSerdes;
import io.divconq.common.topics.Topics;
import java.time.Duration;

/**
 * What every stage topology is built from besides its own logic.
 * punctuateEvery: how often finished model calls are forwarded; blocking: the naive one-call-at-a-time baseline.
 */
public record StageSettings(Topics topics, DivconqSerdes serdes, Duration punctuateEvery, boolean blocking) {

    public static StageSettings of(Topics topics, DivconqSerdes serdes) {
        return new StageSettings(topics, serdes, Duration.ofMillis(10), false);
    }

    public StageSettings withBlocking(boolean newBlocking) {
        return new StageSettings(topics, serdes, punctuateEvery, newBlocking);
    }
}
