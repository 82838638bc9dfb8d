package io.divconq.common.kafka;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every record of an already subscribed (or assigned) consumer to a handler, on a daemon thread of its own,
 * until closed. A record the handler cannot take is logged and skipped; it never stops the follower.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicFollower(String name, KafkaConsumer<String, byte[]> consumer, Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::follow, name);
        this.thread.setDaemon(true);
    }

    /** Polls once on the caller's thread (e.g. to catch up before the background thread starts). */
    public void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            if (r.value() == null) continue;
            try {
                handler.accept(r);
            } catch (RuntimeException e) {
                log.warn("{}: skipped an unreadable record at {}-{}@{}: {}", thread.getName(), r.topic(), r.partition(),
                        r.offset(), e.toString());
            }
        }
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    private void follow() {
        try {
            while (running) pollOnce(Duration.ofMillis(200));
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("{} stopped following its topics", thread.getName(), e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
