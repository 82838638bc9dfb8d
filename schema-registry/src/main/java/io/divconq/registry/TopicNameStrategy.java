package io.divconq.registry;

import java.util.Objects;

/** Confluent's default subject naming: {@code <topic>-key} for keys, {@code <topic>-value} for values. */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    public static String subject(String topic, boolean isKey) {
        return Objects.requireNonNull(topic, "topic") + (isKey ? "-key" : "-value");
    }
}
