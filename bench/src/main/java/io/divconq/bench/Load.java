package io.divconq.bench;

import io.divconq.avro.Problem;
import java.util.List;
import java.util.Map;

/** A client keeping a fixed number of bench problems outstanding, through Kafka or through the gateway. */
interface Load extends AutoCloseable {

    /** Receives each answered problem as the client saw it. */
    interface Observer {
        void scored(long seenAtMs, long endToEndMs, long modelMs);
    }

    /** Drives load until {@code untilMs} (epoch ms), telling the observer of every answer. */
    void drive(int outstanding, long untilMs, Observer observer) throws InterruptedException;

    /** Answers seen twice for one problem (must stay 0: exactly once). */
    long duplicates();

    @Override
    void close();

    /** Bench problem number n under id: a small word problem with its gold answer. */
    static Problem problem(String id, long n) {
        return Problem.newBuilder().setId(id).setDataset("gsm8k")
                .setQuestion("Bench problem " + n + ": a farm has " + (n % 97 + 3) + " cows and buys "
                        + (n % 13 + 2) + " more each week for 4 weeks. How many cows does it have then?")
                .setGoldAnswers(List.of(Long.toString(n % 97 + 3 + 4 * (n % 13 + 2))))
                .setCreatedAtMs(System.currentTimeMillis()).setAttributes(Map.of()).build();
    }
}
