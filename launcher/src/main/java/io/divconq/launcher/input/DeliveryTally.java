package io.divconq.launcher.input;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;

/** Counts the records a producer could not deliver, keeping the first reason; read it after flush or close. */
public final class DeliveryTally implements Callback {

    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
        if (error != null && failed.getAndIncrement() == 0) first.set(error);
    }

    public int failed() {
        return failed.get();
    }

    /** e.g. "3 of 200 problems could not be written to t.problems: ...TimeoutException: ..." */
    public String describe(int attempted, String what, String topic) {
        return failed() + " of " + attempted + " " + what + " could not be written to " + topic + ": " + first.get();
    }

    public Exception firstFailure() {
        return first.get();
    }
}
