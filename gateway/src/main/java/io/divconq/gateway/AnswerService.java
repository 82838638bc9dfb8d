package io.divconq.gateway;

import io.divconq.avro.AnswerState;
import io.divconq.avro.Problem;
import io.divconq.gateway.api.AnswerJson;
import io.divconq.gateway.api.AnswerRequest;
import io.divconq.gateway.api.ApiError;
import io.divconq.gateway.results.AnswerReducer;
import io.divconq.gateway.results.ResultsTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Turns requests into problems and waits for their answers. A caller's id (or Idempotency-Key) is the problem id:
 * a repeat with the same request finds the problem (in this instance's in-flight set, or in the results table) and
 * waits for it without sending it again; the same id with another request is a conflict. Requests without an id
 * may be answered from the exact-match cache.
 */
final class AnswerService {

    /** Accepted work: the problem to wait for, or the cached answer that serves the request. */
    record Ticket(String problemId, Optional<AnswerState> cached, boolean holdsId) {
    }

    /** A problem sink that returns once the broker has the record. */
    interface ProblemSink {
        void send(Problem problem) throws InterruptedException;
    }

    /** How long a lookup waits for a results table that is being rebalanced, at least. */
    private static final long LOOKUP_NANOS = 10_000_000_000L;

    private final ResultsTable table;
    private final ProblemSink sink;
    private final Optional<AnswerCache> cache;
    private final GatewayMetrics metrics;
    private final LongSupplier clock;
    /** Ids this instance is sending or waiting on, with their request fingerprints. */
    private final ConcurrentHashMap<String, String> inFlight = new ConcurrentHashMap<>();

    AnswerService(ResultsTable table, ProblemSink sink, Optional<AnswerCache> cache, GatewayMetrics metrics, LongSupplier clock) {
        this.table = table;
        this.sink = sink;
        this.cache = cache;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Accepts a request; while the results table is being rebalanced it waits for it until deadlineNanos. */
    Ticket submit(AnswerRequest r, long deadlineNanos) throws InterruptedException {
        if (r.requestedId().isEmpty() && cache.isPresent()) {
            Optional<AnswerState> hit = cache.get().get(r.cacheKey());
            metrics.cacheLookup(hit.isPresent(), hit.flatMap(AnswerJson::totalCost).orElse(0.0));
            if (hit.isPresent()) return new Ticket(hit.get().getProblemId(), hit, false);
        }
        String fingerprint = r.fingerprint();
        if (r.requestedId().isEmpty()) {
            String id = "gw-" + UUID.randomUUID();
            sink.send(problem(id, r, fingerprint));
            return new Ticket(id, Optional.empty(), false);
        }
        String id = r.requestedId().get();
        String prior = inFlight.putIfAbsent(id, fingerprint);
        if (prior != null) {
            if (!prior.equals(fingerprint)) throw conflict(id);
            return new Ticket(id, Optional.empty(), false);
        }
        try {
            Optional<AnswerState> existing = table.get(id, Math.max(deadlineNanos, System.nanoTime() + LOOKUP_NANOS));
            if (existing.isPresent()) {
                String had = existing.get().getRequestSha256();
                boolean same = had != null ? had.equals(fingerprint) : r.question().equals(existing.get().getQuestion());
                if (!same) throw conflict(id);
            } else {
                sink.send(problem(id, r, fingerprint));
            }
            return new Ticket(id, Optional.empty(), true);
        } catch (RuntimeException | InterruptedException e) {
            inFlight.remove(id);
            throw e;
        }
    }

    /** Waits for the ticket's problem to be answered or fail, until the deadline; the latest state seen. */
    Optional<AnswerState> awaitFinal(Ticket t, long deadlineNanos) throws InterruptedException {
        if (t.cached().isPresent()) return t.cached();
        int after = -1;
        Optional<AnswerState> last = Optional.empty();
        while (true) {
            Optional<AnswerState> s = table.awaitAbove(t.problemId(), after, deadlineNanos);
            if (s.isPresent()) {
                last = s;
                after = s.get().getVersion();
                if (AnswerReducer.isFinal(s.get())) return last;
            }
            if (System.nanoTime() >= deadlineNanos) return last;
        }
    }

    /** Keeps a fresh answer to a request without an id in the cache (if on); ids are answered from the results table. */
    void remember(Ticket t, AnswerRequest r, AnswerState s) {
        if (t.cached().isEmpty() && r.requestedId().isEmpty() && s.getStatus() == io.divconq.avro.AnswerStatus.ANSWERED) {
            cache.ifPresent(c -> c.put(r.cacheKey(), s));
        }
    }

    /** The next change of a problem after {@code afterVersion}, for streaming replies. */
    Optional<AnswerState> next(String problemId, int afterVersion, long deadlineNanos) throws InterruptedException {
        return table.awaitAbove(problemId, afterVersion, deadlineNanos);
    }

    Optional<AnswerState> lookup(String problemId) throws InterruptedException {
        return table.get(problemId, System.nanoTime() + LOOKUP_NANOS);
    }

    /** Ends the ticket's hold on its id. */
    void release(Ticket t) {
        if (t.holdsId()) inFlight.remove(t.problemId());
    }

    private Problem problem(String id, AnswerRequest r, String fingerprint) {
        Map<String, String> attributes = new HashMap<>(r.attributes());
        attributes.put(AnswerReducer.REQUEST_ATTRIBUTE, fingerprint);
        return Problem.newBuilder().setId(id).setDataset(r.dataset()).setQuestion(r.question()).setContext(r.context().orElse(null))
                .setGoldAnswers(r.gold()).setCreatedAtMs(clock.getAsLong()).setAttributes(attributes).build();
    }

    private static ApiError conflict(String id) {
        return ApiError.conflict("id '" + id + "' was already used with a different request; use a new Idempotency-Key");
    }
}
