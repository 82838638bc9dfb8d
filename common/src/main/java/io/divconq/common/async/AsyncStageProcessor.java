package io.divconq.common.async;

import io.divconq.common.dlq.DeadLetters;
import io.divconq.llm.InFlightLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stage's jobs asynchronously inside a Kafka Streams task, exactly once.
 *
 * <p>Each input is written to a changelogged pending store (keyed by its offset) and its job started on the
 * model client's threads, within the endpoint's in-flight bound. Completed jobs are forwarded, and deleted from
 * the store, only on the stream thread (from {@code process} or a wall-clock punctuator), so an output, its store
 * delete and the input offset commit in one transaction. After a crash the store is restored and {@link #init}
 * re-issues what was pending: a model call may repeat, an output never does. When the bound is reached,
 * {@code process} waits (draining completions) instead of queueing without limit: backpressure.
 */
public final class AsyncStageProcessor<I, O> implements Processor<byte[], byte[], String, StageOutcome<O>> {

    private static final Logger log = LoggerFactory.getLogger(AsyncStageProcessor.class);

    /** Longest a single process() call waits for capacity. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(10);

    private final String stage;
    private final String storeName;
    private final Deserializer<I> deserializer;
    private final AsyncStage<I, O> asyncStage;
    private final Duration punctuateEvery;
    private final boolean blocking;

    private ProcessorContext<String, StageOutcome<O>> context;
    private KeyValueStore<Long, byte[]> pending;
    /** Prepared jobs waiting for a permit, in input order. */
    private final ArrayDeque<Waiting<O>> waiting = new ArrayDeque<>();
    /** Started jobs, by input offset, until their completion is forwarded. */
    private final Map<Long, Running> running = new HashMap<>();
    private LinkedBlockingQueue<Completion<O>> completions = new LinkedBlockingQueue<>();
    private volatile int generation;

    AsyncStageProcessor(String stage, String storeName, Deserializer<I> deserializer, AsyncStage<I, O> asyncStage,
                        Duration punctuateEvery, boolean blocking) {
        this.stage = stage;
        this.storeName = storeName;
        this.deserializer = deserializer;
        this.asyncStage = asyncStage;
        this.punctuateEvery = punctuateEvery;
        this.blocking = blocking;
    }

    @Override
    public void init(ProcessorContext<String, StageOutcome<O>> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        generation++;
        waiting.clear();
        running.clear();
        completions = new LinkedBlockingQueue<>();
        int reissued = 0;
        try (KeyValueIterator<Long, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                PendingEntry entry = PendingEntry.decode(it.next().value);
                if (admit(entry)) reissued++;
            }
        }
        if (reissued > 0) {
            log.info("{} task {}: re-issuing {} job(s) that were in flight before a restart", stage, context.taskId(), reissued);
        }
        context.schedule(punctuateEvery, PunctuationType.WALL_CLOCK_TIME, ts -> {
            drain();
            pump();
        });
        pump();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        PendingEntry entry = new PendingEntry(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value());
        pending.put(entry.offset(), entry.encode());
        admit(entry);
        pump();
        drain();
        awaitCapacity();
    }

    /**
     * Deserialises and prepares an entry and queues its job; returns false if that fails, in which case the
     * failure is queued as a completion, so it is dead-lettered from the stream thread like any other.
     */
    private boolean admit(PendingEntry entry) {
        try {
            I input = deserializer.deserialize(entry.topic(), entry.value());
            if (input == null) throw new InvalidRecordException("missing-field", "record has no value (null or tombstone)");
            waiting.addLast(new Waiting<>(entry, asyncStage.prepare(input)));
            return true;
        } catch (RuntimeException e) {
            running.put(entry.offset(), new Running(entry, null));
            completions.add(new Completion<>(generation, entry.offset(), null, e));
            return false;
        }
    }

    /** Starts waiting jobs whose endpoint has a free permit; jobs for a full endpoint keep their place. */
    private void pump() {
        for (Iterator<Waiting<O>> it = waiting.iterator(); it.hasNext(); ) {
            Waiting<O> w = it.next();
            InFlightLimiter limiter = w.job().limiter();
            if (limiter != null && !limiter.tryAcquire()) continue;
            it.remove();
            start(w, limiter);
        }
    }

    private void start(Waiting<O> w, InFlightLimiter limiter) {
        long offset = w.entry().offset();
        int gen = generation;
        LinkedBlockingQueue<Completion<O>> queue = completions;
        running.put(offset, new Running(w.entry(), w.job().info()));
        CompletionStage<O> stageFuture;
        try {
            stageFuture = w.job().call().get();
        } catch (RuntimeException e) {
            if (limiter != null) limiter.release();
            queue.add(new Completion<>(gen, offset, null, e));
            return;
        }
        stageFuture.whenComplete((value, error) -> {
            if (limiter != null) limiter.release();
            queue.add(new Completion<>(gen, offset, value, error));
        });
    }

    /** Forwards every finished job (output or dead letter) and removes it from the pending store. */
    private void drain() {
        Completion<O> c;
        while ((c = completions.poll()) != null) {
            complete(c);
        }
    }

    private void complete(Completion<O> c) {
        if (c.generation() != generation) return;
        Running r = running.remove(c.offset());
        if (r == null) return;
        if (c.error() == null) {
            context.forward(new Record<>(keyOf(r), new StageOutcome.Emitted<>(c.value()), context.currentSystemTimeMs()));
        } else {
            DeadLetters.Failure failure = DeadLetters.classify(c.error());
            log.warn("{}: record {}@{} dead-lettered ({}): {}", stage, keyOf(r), r.entry().offset(), failure.errorType(), failure.reason());
            deadLetter(r.entry(), failure, r.info());
        }
        pending.delete(c.offset());
    }

    /**
     * Backpressure: while jobs wait for permits (or, in blocking mode, while any job runs), wait for completions.
     * The wait is capped so the stream thread still commits (and its transaction stays young) when an endpoint
     * hangs; a job left waiting is started by the punctuator once a permit frees.
     */
    private void awaitCapacity() {
        long deadline = System.nanoTime() + MAX_BLOCK.toNanos();
        while ((blocking ? !(waiting.isEmpty() && running.isEmpty()) : !waiting.isEmpty())
                && System.nanoTime() < deadline) {
            try {
                Completion<O> c = completions.poll(5, TimeUnit.MILLISECONDS);
                if (c != null) complete(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            drain();
            pump();
        }
    }

    private void deadLetter(PendingEntry entry, DeadLetters.Failure failure, JobInfo info) {
        var dl = DeadLetters.of(stage, failure,
                new DeadLetters.Source(entry.topic(), entry.partition(), entry.offset()),
                entry.key(), entry.value(), info, context.currentSystemTimeMs());
        String key = info != null && info.problemId() != null ? info.problemId() : keyString(entry);
        context.forward(new Record<>(key, new StageOutcome.DeadLettered<>(dl), context.currentSystemTimeMs()));
    }

    private static String keyOf(Running r) {
        return r.info() != null && r.info().problemId() != null ? r.info().problemId() : keyString(r.entry());
    }

    private static String keyString(PendingEntry entry) {
        return entry.key() == null ? null : new String(entry.key(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // In-flight jobs keep running and release their permits; their results are ignored (generation changes),
        // and whichever task owns the partition next re-issues them from the restored pending store.
        generation++;
        waiting.clear();
        running.clear();
    }

    /** Jobs started and not yet forwarded, for tests and metrics. */
    int outstanding() {
        return running.size() + waiting.size();
    }

    private record Waiting<O>(PendingEntry entry, AsyncJob<O> job) {
    }

    private record Running(PendingEntry entry, JobInfo info) {
    }

    private record Completion<O>(int generation, long offset, O value, Throwable error) {
    }
}
