package io.divconq.common.streams;

import io.divconq.common.async.AsyncStageOptions;
import io.divconq.common.topics.TopicCatalog;

/** What every stage topology is built from besides its own logic: the topics and how async jobs run. */
public record StageSettings(TopicCatalog topics, AsyncStageOptions async) {

    public static StageSettings of(TopicCatalog topics) {
        return new StageSettings(topics, AsyncStageOptions.defaults());
    }

    public StageSettings withBlocking(boolean blocking) {
        return new StageSettings(topics, async.withBlocking(blocking));
    }
}
