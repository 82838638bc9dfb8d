package io.divconq.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.avro.Problem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench client through the gateway: the JDK HTTP client keeps {@code outstanding} POST /v1/answers requests in
 * flight, each waiting for its answer, and reports client-side end-to-end time (send to reply).
 */
final class GatewayLoad implements Load {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI answers;
    private final String prefix = "gwbench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong sent = new AtomicLong();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private Semaphore slots = new Semaphore(0);
    private int slotsGiven;

    GatewayLoad(String gatewayUrl) {
        this.answers = URI.create(gatewayUrl + "v1/answers");
    }

    @Override
    public void drive(int outstanding, long untilMs, Observer observer) throws InterruptedException {
        if (slotsGiven < outstanding) {
            slots.release(outstanding - slotsGiven);
            slotsGiven = outstanding;
        }
        while (System.currentTimeMillis() < untilMs) {
            if (!slots.tryAcquire(5, TimeUnit.MILLISECONDS)) continue;
            send(observer);
        }
    }

    private void send(Observer observer) {
        long n = sent.incrementAndGet();
        String id = prefix + n;
        Problem p = Load.problem(id, n);
        ObjectNode body = JSON.createObjectNode().put("id", id).put("question", p.getQuestion()).put("dataset", p.getDataset());
        body.putArray("gold").add(p.getGoldAnswers().get(0));
        long start = System.currentTimeMillis();
        http.sendAsync(HttpRequest.newBuilder(answers).timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> {
                    long now = System.currentTimeMillis();
                    if (e == null && r.statusCode() == 200) {
                        if (!answered.add(id)) duplicates.incrementAndGet();
                        synchronized (observer) {
                            observer.scored(now, now - start, 0);
                        }
                    } else {
                        failures.incrementAndGet();
                    }
                    slots.release();
                });
    }

    @Override
    public long duplicates() {
        return duplicates.get();
    }

    /** Requests that did not end in 200 (timeouts, errors); a healthy run has none. */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        slots = new Semaphore(0);
    }
}
