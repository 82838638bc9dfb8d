package io.divconq.common.async;

import io.divconq.common.dlq.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
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
 * <p>Each input is written to a changelogged pending store (keyed by its offset) and queued; a queued job starts as
 * soon as its endpoint has a free in-flight permit, on whichever thread frees one (so the endpoint stays full
 * while the stream thread commits). Finished jobs are forwarded, and deleted from the store, only on the stream
 * thread (from {@code process} or a wall-clock punctuator), so an output, its store delete and the input offset
 * commit in one transaction. After a crash the store is restored and {@link #init} re-issues what was pending: a
 * model call may repeat, an output never does. When {@code maxQueued} jobs wait for permits, {@code process}
 * waits too (draining completions) instead of queueing without limit: backpressure.
 *
 * <p>Outputs are forwarded in <em>completion</em> order, not input order: a fast job overtakes a slow one, within
 * a partition too. Downstream stages key by problem id and must not rely on order.
 *
 * <p>A job holds a permit of its {@link PermitSource} while it runs; a source that withholds permits keeps jobs
 * queued (see there). A job failing with {@link StageShutdownException} is left pending, not dead-lettered.
 *
 * <p><b>Side jobs</b> ({@link AsyncJob#side()}, e.g. shadow runs) are jobs of their own: kept in the pending store
 * under their own key ({@code -(offset + 1)}), queued in a side queue of at most
 * {@link AsyncStageOptions#maxSideQueuedPerTask()} jobs, started only after the queue of the records' own jobs had
 * its turn at the permits, and forwarded (or dead-lettered, flagged by their {@link JobInfo}) exactly once like any
 * output. They never delay or hold a record's own job and cause no backpressure: a side job offered to a full side
 * queue is skipped, counted ({@code divconq.async.side}, outcome {@code skipped}) and recorded on the record's own
 * output through {@link AsyncJob#whenSideSkipped()}.
 */
public final class AsyncStageProcessor<I, O> implements Processor<byte[], byte[], String, StageOutcome<O>> {

    private static final Logger log = LoggerFactory.getLogger(AsyncStageProcessor.class);

    /** Longest a single process() call waits for capacity, so the thread still commits when an endpoint hangs. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    private final String stage;
    private final String storeName;
    private final Deserializer<I> deserializer;
    private final AsyncStage<I, O> asyncStage;
    private final AsyncStageOptions options;
    private final OutputGuard<O> guard;

    private ProcessorContext<String, StageOutcome<O>> context;
    private KeyValueStore<Long, byte[]> pending;
    private volatile Jobs<O> jobs = new Jobs<>();
    private final List<Gauge> gauges = new ArrayList<>();

    AsyncStageProcessor(String stage, String storeName, Deserializer<I> deserializer, AsyncStage<I, O> asyncStage,
                        AsyncStageOptions options, OutputGuard<O> guard) {
        this.stage = stage;
        this.storeName = storeName;
        this.deserializer = deserializer;
        this.asyncStage = asyncStage;
        this.options = options;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<String, StageOutcome<O>> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        jobs.closed = true;
        jobs = new Jobs<>();
        int reissued = 0;
        List<PendingEntry> restored = new ArrayList<>();
        try (KeyValueIterator<Long, byte[]> it = pending.all()) {
            while (it.hasNext()) restored.add(PendingEntry.decode(it.next().value));
        }
        for (PendingEntry entry : restored) {
            if (admit(entry, false)) reissued++;
        }
        if (reissued > 0) {
            log.info("{} task {}: re-issuing {} job(s) that were in flight before a restart", stage, context.taskId(), reissued);
            if (options.meters() != null) {
                Counter.builder("divconq.async.reissued").description("jobs re-issued from the restored pending store")
                        .tag("stage", stage).register(options.meters()).increment(reissued);
            }
        }
        registerGauges(context.taskId().toString());
        context.schedule(options.punctuateEvery(), PunctuationType.WALL_CLOCK_TIME, ts -> {
            drain();
            jobs.pump();
        });
        jobs.pump();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        PendingEntry entry = new PendingEntry(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value(),
                DeadLetters.replaysOf(record.headers()));
        pending.put(entry.storeKey(), entry.encode());
        admit(entry, true);
        jobs.pump();
        drain();
        awaitCapacity();
    }

    /**
     * Deserialises and prepares an entry and queues its job; returns false if that fails, in which case the
     * failure is queued as a completion, so it is dead-lettered from the stream thread like any other. A new
     * record ({@code fresh}) offers its side job to the side queue; a restored side entry re-queues its side job.
     */
    private boolean admit(PendingEntry entry, boolean fresh) {
        try {
            I input = deserializer.deserialize(entry.topic(), entry.value());
            if (input == null) throw new InvalidRecordException("missing-field", "record has no value (null or tombstone)");
            AsyncJob<O> job = asyncStage.prepare(input);
            if (entry.side()) {
                if (job.side() == null) { // no longer asked for (e.g. the sample changed): nothing to run
                    pending.delete(entry.storeKey());
                    return false;
                }
                jobs.enqueue(new Waiting<>(entry, job.side()));
                return true;
            }
            jobs.enqueue(new Waiting<>(fresh && job.side() != null ? offerSide(entry, job) : entry, job));
            return true;
        } catch (RuntimeException e) {
            if (DeadLetters.isTransient(e)) throw e; // the registry blinked: fail the task and retry, never dead-letter
            if (entry.side()) { // the record's own entry fails (and is dead-lettered) for the same reason
                pending.delete(entry.storeKey());
                return false;
            }
            jobs.running.put(entry.storeKey(), new Running<>(entry, null, null));
            jobs.completions.add(new Completion<>(entry.storeKey(), null, e));
            return false;
        }
    }

    /**
     * Queues the record's side job, with a pending entry of its own, when the side queue has room; otherwise counts it
     * skipped. Returns the record's own entry, flagged when its side job was skipped.
     */
    private PendingEntry offerSide(PendingEntry entry, AsyncJob<O> job) {
        if (jobs.sideQueued.get() >= options.maxSideQueuedPerTask()) {
            count(job.side().info(), "skipped");
            PendingEntry marked = entry.withFlag(PendingEntry.SIDE_SKIPPED);
            pending.put(marked.storeKey(), marked.encode());
            return marked;
        }
        count(job.side().info(), "queued");
        PendingEntry side = entry.withFlag(PendingEntry.SIDE);
        pending.put(side.storeKey(), side.encode());
        jobs.enqueue(new Waiting<>(side, job.side()));
        return entry;
    }

    private void count(JobInfo info, String outcome) {
        MeterRegistry meters = options.meters();
        if (meters == null) return;
        meters.counter("divconq.async.side", "stage", stage, "arm", info == null || info.arm() == null ? "" : info.arm(),
                "outcome", outcome).increment();
    }

    /** Forwards every finished job (output or dead letter) and removes it from the pending store. */
    private void drain() {
        Completion<O> c;
        while ((c = jobs.completions.poll()) != null) {
            complete(c);
        }
    }

    private void complete(Completion<O> c) {
        Running<O> r = jobs.running.remove(c.key());
        if (r == null) return;
        O value = c.error() == null && r.entry().sideSkipped() && r.whenSideSkipped() != null
                ? r.whenSideSkipped().apply(c.value()) : c.value();
        java.util.Optional<DeadLetters.Failure> rejected = c.error() == null ? guard.check(keyOf(r), value) : java.util.Optional.empty();
        if (rejected.isPresent()) {
            log.warn("{}: record {}@{} dead-lettered ({}): {}", stage, keyOf(r), r.entry().offset(),
                    rejected.get().errorType(), rejected.get().reason());
            deadLetter(r.entry(), rejected.get(), r.info());
        } else if (c.error() == null) {
            context.forward(new Record<>(keyOf(r), new StageOutcome.Emitted<>(value), context.currentSystemTimeMs()));
        } else if (StageShutdownException.isShutdown(c.error())) {
            // This process is shutting down: not the record's fault. It stays pending and is re-issued by whichever
            // instance owns the partition next.
            log.info("{}: record {}@{} left pending: {}", stage, keyOf(r), r.entry().offset(), DeadLetters.unwrap(c.error()).getMessage());
            return;
        } else {
            DeadLetters.Failure failure = DeadLetters.classify(c.error());
            log.warn("{}: record {}@{} dead-lettered ({}): {}", stage, keyOf(r), r.entry().offset(), failure.errorType(), failure.reason());
            deadLetter(r.entry(), failure, r.info());
        }
        if (r.entry().side()) count(r.info(), c.error() == null && rejected.isEmpty() ? "emitted" : "failed");
        pending.delete(c.key());
    }

    /**
     * Backpressure: while {@code maxQueued} jobs wait for permits (or, in blocking mode, while any job is unfinished),
     * wait for completions. Capped at {@link #MAX_BLOCK}; a job left queued starts when a permit frees.
     */
    private void awaitCapacity() {
        long deadline = System.nanoTime() + MAX_BLOCK.toNanos();
        while ((options.blocking() ? !jobs.idle() : jobs.queued.get() >= options.maxQueuedPerTask()) && System.nanoTime() < deadline) {
            try {
                Completion<O> c = jobs.completions.poll(2, TimeUnit.MILLISECONDS);
                if (c != null) complete(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            drain();
            jobs.pump();
        }
    }

    private void deadLetter(PendingEntry entry, DeadLetters.Failure failure, JobInfo info) {
        var dl = DeadLetters.of(stage, failure,
                new DeadLetters.Source(entry.topic(), entry.partition(), entry.offset()),
                entry.key(), entry.value(), info, context.currentSystemTimeMs(), entry.replays());
        String key = info != null && info.problemId() != null ? info.problemId() : keyString(entry);
        context.forward(new Record<>(key, new StageOutcome.DeadLettered<>(dl), context.currentSystemTimeMs()));
    }

    private static String keyOf(Running<?> r) {
        return r.info() != null && r.info().problemId() != null ? r.info().problemId() : keyString(r.entry());
    }

    private static String keyString(PendingEntry entry) {
        return entry.key() == null ? null : new String(entry.key(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // In-flight jobs keep running and release their permits; their results are ignored, and whichever task owns
        // the partition next re-issues them from the restored pending store.
        jobs.closed = true;
        jobs.queue.clear();
        jobs.sideQueue.clear();
        removeGauges();
    }

    /** Gauges per task: jobs waiting for a permit, jobs started and unfinished, and inputs not yet forwarded. */
    private void registerGauges(String task) {
        removeGauges();
        MeterRegistry meters = options.meters();
        if (meters == null) return;
        gauges.add(gauge(meters, "divconq.async.queued", "jobs waiting for a permit", task, j -> j.queued.get()));
        gauges.add(gauge(meters, "divconq.async.running", "jobs started and not finished", task, j -> j.started.get()));
        gauges.add(gauge(meters, "divconq.async.pending", "inputs whose output is not forwarded yet", task, j -> j.running.size()));
        gauges.add(gauge(meters, "divconq.async.side.queued", "side jobs waiting for a permit", task, j -> j.sideQueued.get()));
    }

    private Gauge gauge(MeterRegistry meters, String name, String description, String task,
                        ToIntFunction<Jobs<O>> value) {
        return Gauge.builder(name, this, p -> value.applyAsInt(p.jobs)).description(description)
                .tag("stage", stage).tag("task", task).register(meters);
    }

    private void removeGauges() {
        MeterRegistry meters = options.meters();
        if (meters != null) gauges.forEach(meters::remove);
        gauges.clear();
    }

    /**
     * The jobs of one processor lifetime (init to close). Jobs start from the stream thread or from the thread of a
     * finishing job; only the stream thread forwards and touches the store.
     */
    private static final class Jobs<O> {
        final ConcurrentLinkedDeque<Waiting<O>> queue = new ConcurrentLinkedDeque<>();
        final AtomicInteger queued = new AtomicInteger();
        final ConcurrentLinkedDeque<Waiting<O>> sideQueue = new ConcurrentLinkedDeque<>();
        final AtomicInteger sideQueued = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        /** Keyed by pending-store key (see {@link PendingEntry#storeKey()}). */
        final Map<Long, Running<O>> running = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<Completion<O>> completions = new LinkedBlockingQueue<>();
        volatile boolean closed;
        /** Guarded by this: a pump is in progress on the thread that holds the lock. */
        private boolean pumping;

        void enqueue(Waiting<O> w) {
            running.put(w.entry().storeKey(), new Running<>(w.entry(), w.job().info(), w.job().whenSideSkipped()));
            if (w.entry().side()) {
                sideQueued.incrementAndGet();
                sideQueue.addLast(w);
            } else {
                queued.incrementAndGet();
                queue.addLast(w);
            }
        }

        boolean idle() {
            return running.isEmpty() && completions.isEmpty();
        }

        /**
         * Starts queued jobs whose source grants a permit, the records' own jobs before side jobs; jobs for a full
         * endpoint keep their place. Not reentrant: a job that completes synchronously inside start() does not pump
         * again (the loop in progress goes on).
         */
        synchronized void pump() {
            if (closed || pumping) return;
            pumping = true;
            try {
                pump(queue, queued);
                pump(sideQueue, sideQueued);
            } finally {
                pumping = false;
            }
        }

        private void pump(ConcurrentLinkedDeque<Waiting<O>> from, AtomicInteger count) {
            for (Waiting<O> w : from) {
                PermitSource permits = w.job().permits();
                if (permits != null && !permits.tryAcquire()) continue;
                if (!from.removeFirstOccurrence(w)) {
                    if (permits != null) permits.release();
                    continue;
                }
                count.decrementAndGet();
                start(w, permits);
            }
        }

        private void start(Waiting<O> w, PermitSource permits) {
            long key = w.entry().storeKey();
            started.incrementAndGet();
            CompletionStage<O> future;
            try {
                future = w.job().call().get();
            } catch (RuntimeException e) {
                started.decrementAndGet();
                if (permits != null) permits.release(e);
                completions.add(new Completion<>(key, null, e));
                return;
            }
            future.whenComplete((value, error) -> {
                started.decrementAndGet();
                if (permits != null) permits.release(error);
                if (closed) return;
                completions.add(new Completion<>(key, value, error));
                if (permits != null) pump(); // a permit is free: start the next queued job now, not at the next poll
            });
        }
    }

    private record Waiting<O>(PendingEntry entry, AsyncJob<O> job) {
    }

    private record Running<O>(PendingEntry entry, JobInfo info, java.util.function.UnaryOperator<O> whenSideSkipped) {
    }

    /** {@code key}: the job's pending-store key. */
    private record Completion<O>(long key, O value, Throwable error) {
    }
}
