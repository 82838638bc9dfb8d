package io.divconq.launcher.testing;

import io.divconq.embedded.EmbeddedKafka;

/** One real KRaft broker for every integration test in this JVM; tests keep apart by topic prefix. */
public final class SharedKafka {

    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka.bootstrapServers();
    }
}
