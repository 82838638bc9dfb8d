package io.divconq.common.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Problem;
import io.divconq.common.streams.StageWiring;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.Topic;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.common.model.LimiterPermits;
import io.divconq.llm.InFlightLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncStageProcessorTest {

    private final TopicCatalog topics = TestTopics.fresh();
    private final Topic<Problem> inTopic = new Topic<>("in", topics.problems().serde(), topics.problems().layout());
    private final Topic<Problem> outTopic = new Topic<>("out", topics.problems().serde(), topics.problems().layout());
    private final Map<String, CompletableFuture<Problem>> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> in;
    private TestOutputTopic<String, Problem> out;
    private TestOutputTopic<String, DeadLetter> dlq;

    /** Echoes the problem with its question upper-cased, once the test completes its future. */
    private AsyncStage<Problem, Problem> controllable(InFlightLimiter limiter) {
        return p -> new AsyncJob<>(new JobInfo(p.getId(), "exp", "arm-a"), new LimiterPermits(limiter),
                () -> calls.computeIfAbsent(p.getId(), id -> new CompletableFuture<>())
                        .thenApply(x -> Problem.newBuilder(p).setQuestion(p.getQuestion().toUpperCase()).build()));
    }

    private static AsyncStageOptions options(int maxQueued, boolean blocking) {
        return AsyncStageOptions.defaults().withMaxQueuedPerTask(maxQueued).withBlocking(blocking);
    }

    private void start(AsyncStage<Problem, Problem> stage, boolean blocking) {
        start(stage, blocking, 1);
    }

    private void start(AsyncStage<Problem, Problem> stage, boolean blocking, int maxQueued) {
        start(stage, options(maxQueued, blocking));
    }

    private void start(AsyncStage<Problem, Problem> stage, AsyncStageOptions options) {
        StreamsBuilder b = new StreamsBuilder();
        StageWiring.wire(b, "echo", inTopic,
                new AsyncStageSupplier<>("echo", inTopic.serde().deserializer(), stage, options),
                outTopic, topics.deadLetters());
        Properties p = TestTopics.driverConfig("async-test");
        driver = new TopologyTestDriver(b.build(), p);
        in = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
        out = TestTopics.output(driver, outTopic);
        dlq = TestTopics.output(driver, topics.deadLetters());
    }

    private void send(Problem p) {
        in.pipeInput(p.getId().getBytes(StandardCharsets.UTF_8), inTopic.encode(p));
    }

    private KeyValueStore<Long, byte[]> pendingStore() {
        return driver.getKeyValueStore("echo-pending");
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
        scheduler.shutdownNow();
    }

    @Test
    void forwardsResultsOnlyWhenTheirCallsCompleteAndThenForgetsThem() {
        start(controllable(new InFlightLimiter(8)), false);
        send(TestProblems.eggs("p1"));
        send(TestProblems.eggs("p2"));
        assertThat(out.isEmpty()).isTrue();
        assertThat(pendingStore().approximateNumEntries()).isEqualTo(2);

        calls.get("p2").complete(null);
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("p2");

        calls.get("p1").complete(null);
        driver.advanceWallClockTime(Duration.ofMillis(20));
        var p1 = out.readKeyValue();
        assertThat(p1.key).isEqualTo("p1");
        assertThat(p1.value.getQuestion()).startsWith("JANET HAS 16 EGGS");
        assertThat(pendingStore().approximateNumEntries()).isZero();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void failedCallGoesToTheDeadLetterTopicWithReasonAndOriginalBytes() {
        start(controllable(new InFlightLimiter(8)), false);
        Problem p = TestProblems.eggs("p1");
        send(p);
        calls.get("p1").completeExceptionally(new UnparseableReplyException("no answer in the reply", "I cannot help"));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        DeadLetter d = dlq.readValue();
        assertThat(d.getStage()).isEqualTo("echo");
        assertThat(d.getErrorType()).isEqualTo("unparseable-reply");
        assertThat(d.getReason()).contains("no answer in the reply").contains("I cannot help");
        assertThat(d.getProblemId()).isEqualTo("p1");
        assertThat(d.getArm()).isEqualTo("arm-a");
        assertThat(d.getSourceTopic()).isEqualTo("in");
        assertThat(d.getSourceOffset()).isZero();
        byte[] original = new byte[d.getOriginalValue().remaining()];
        d.getOriginalValue().get(original);
        assertThat(inTopic.decode(original)).isEqualTo(p);
        assertThat(out.isEmpty()).isTrue();
        assertThat(pendingStore().approximateNumEntries()).isZero();
    }

    @Test
    void callsCutShortByShutdownStayPendingInsteadOfBeingDeadLettered() {
        start(controllable(new InFlightLimiter(8)), false);
        send(TestProblems.eggs("p1"));
        calls.get("p1").completeExceptionally(new StageShutdownException("endpoint closed", null));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(out.isEmpty()).isTrue();
        assertThat(pendingStore().approximateNumEntries()).as("re-issued after the restart").isEqualTo(1);
    }

    @Test
    void malformedRecordIsDeadLetteredAndTheStreamGoesOn() {
        start(controllable(new InFlightLimiter(8)), false);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        in.pipeInput("bad".getBytes(StandardCharsets.UTF_8), garbage);
        send(TestProblems.eggs("p2"));
        calls.get("p2").complete(null);
        driver.advanceWallClockTime(Duration.ofMillis(20));

        DeadLetter d = dlq.readValue();
        assertThat(d.getErrorType()).isEqualTo("deserialization");
        assertThat(d.getReason()).containsIgnoringCase("magic");
        assertThat(d.getProblemId()).isNull();
        byte[] original = new byte[d.getOriginalValue().remaining()];
        d.getOriginalValue().get(original);
        assertThat(original).isEqualTo(garbage);
        assertThat(out.readKeyValue().key).isEqualTo("p2");
    }

    @Test
    void invalidRecordIsDeadLetteredWithTheMissingField() {
        start(p -> {
            if (p.getQuestion().isBlank()) throw InvalidRecordException.missingField("question");
            return AsyncJob.immediate(new JobInfo(p.getId(), null, null), p);
        }, false);
        send(TestProblems.gsm8k("p1", " ", "1"));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        DeadLetter d = dlq.readValue();
        assertThat(d.getErrorType()).isEqualTo("missing-field");
        assertThat(d.getReason()).contains("question");
    }

    @Test
    void neverRunsMoreJobsThanTheLimitAndStillFinishesAll() {
        InFlightLimiter limiter = new InFlightLimiter(2);
        // The test completes the calls itself, two at a time as the limit lets them start: no timing involved.
        List<CompletableFuture<Problem>> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(p -> new AsyncJob<>(new JobInfo(p.getId(), null, "a"), new LimiterPermits(limiter), () -> {
            CompletableFuture<Problem> f = new CompletableFuture<>();
            started.add(f);
            return f.thenApply(x -> p);
        }), false, 10);
        for (int i = 0; i < 10; i++) send(TestProblems.eggs("p" + i));
        for (int round = 0; round < 5; round++) {
            assertThat(started).as("round %d", round).hasSize(2 * round + 2);
            assertThat(limiter.inFlight()).isEqualTo(2);
            started.subList(2 * round, 2 * round + 2).forEach(f -> f.complete(null)); // frees both permits: the next two start
            driver.advanceWallClockTime(Duration.ofMillis(20));
        }
        assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
        assertThat(limiter.maxInFlightSeen()).isEqualTo(2);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void jobsThatCompleteAtOnceAreStartedExactlyOnceWhenAPermitFrees() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        Map<String, Integer> starts = new ConcurrentHashMap<>();
        CompletableFuture<Problem> first = new CompletableFuture<>();
        start(p -> new AsyncJob<>(new JobInfo(p.getId(), null, "a"), new LimiterPermits(limiter), () -> {
            starts.merge(p.getId(), 1, Integer::sum);
            // p0 waits for the test; every other call answers synchronously, inside the pump that starts it.
            return p.getId().equals("p0") ? first.thenApply(x -> p) : CompletableFuture.completedFuture(p);
        }), false, 8);
        for (int i = 0; i < 6; i++) send(TestProblems.eggs("p" + i));
        assertThat(starts).containsOnlyKeys("p0");
        first.complete(null); // frees the only permit on this thread: the queued jobs start one after another
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(starts).hasSize(6).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(out.readKeyValuesToList()).hasSize(6);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void blockingBaselineForwardsEachResultBeforeTakingTheNextRecord() {
        InFlightLimiter limiter = new InFlightLimiter(64);
        start(p -> new AsyncJob<>(new JobInfo(p.getId(), null, "a"), new LimiterPermits(limiter), () -> {
            CompletableFuture<Problem> f = new CompletableFuture<>();
            scheduler.schedule(() -> f.complete(p), 5, TimeUnit.MILLISECONDS);
            return f;
        }), true);
        send(TestProblems.eggs("p1"));
        assertThat(out.readKeyValue().key).isEqualTo("p1");
        send(TestProblems.eggs("p2"));
        assertThat(out.readKeyValue().key).isEqualTo("p2");
        assertThat(limiter.maxInFlightSeen()).isEqualTo(1);
    }

    @Test
    void reissuesJobsFoundInTheRestoredPendingStore() throws Exception {
        // A store as restored from the changelog after a crash: two inputs whose calls had not finished.
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        MockProcessorContext<String, StageOutcome<Problem>> context = mockContext();
        KeyValueStore<Long, byte[]> store = pendingStoreIn(context);
        for (long offset : new long[] {7, 9}) {
            Problem p = TestProblems.eggs("p" + offset);
            store.put(offset, new PendingEntry("in", 0, offset, p.getId().getBytes(StandardCharsets.UTF_8),
                    inTopic.encode(p), 0).encode());
        }
        Processor<byte[], byte[], String, StageOutcome<Problem>> processor = new AsyncStageSupplier<>("echo",
                inTopic.serde().deserializer(), controllable(new InFlightLimiter(8)), options(1, false).withMeters(meters)).get();
        processor.init(context);

        assertThat(calls).containsOnlyKeys("p7", "p9");
        assertThat(meters.get("divconq.async.reissued").tag("stage", "echo").counter().count()).isEqualTo(2.0);
        calls.values().forEach(f -> f.complete(null));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);

        List<String> keys = context.forwarded().stream().map(f -> (String) f.record().key()).toList();
        assertThat(keys).containsExactly("p7", "p9");
        assertThat(context.forwarded()).allMatch(f -> f.record().value() instanceof StageOutcome.Emitted<Problem>);
        assertThat(store.approximateNumEntries()).isZero();
    }

    /** Grants permits only while open, like a circuit breaker; counts what it handed out. */
    private static final class Gate implements PermitSource {
        volatile boolean open;
        final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
        final List<Throwable> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean tryAcquire() {
            if (!open) return false;
            held.incrementAndGet();
            return true;
        }

        @Override
        public boolean tryAcquire(Duration timeout) {
            return tryAcquire();
        }

        @Override
        public void release() {
            held.decrementAndGet();
        }

        @Override
        public void release(Throwable failure) {
            outcomes.add(failure == null ? new RuntimeException("success") : failure);
            release();
        }
    }

    @Test
    void withheldPermitsKeepJobsPendingUntilTheSourceGrantsThem() {
        Gate gate = new Gate();
        start(p -> new AsyncJob<>(new JobInfo(p.getId(), null, "a"), gate, () -> CompletableFuture.completedFuture(p)), false, 8);
        send(TestProblems.eggs("p1"));
        send(TestProblems.eggs("p2"));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(out.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).as("a withheld permit is nobody's failure").isTrue();
        assertThat(pendingStore().approximateNumEntries()).isEqualTo(2);

        gate.open = true;
        driver.advanceWallClockTime(Duration.ofMillis(20)); // retried on the punctuation
        driver.advanceWallClockTime(Duration.ofMillis(20)); // and forwarded
        assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key).containsExactlyInAnyOrder("p1", "p2");
        assertThat(pendingStore().approximateNumEntries()).isZero();
        assertThat(gate.held).hasValue(0);
        assertThat(gate.outcomes).extracting(Throwable::getMessage).containsExactly("success", "success");
    }

    @Test
    void gaugesCountQueuedRunningAndPendingJobsPerTask() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        InFlightLimiter limiter = new InFlightLimiter(1);
        start(controllable(limiter), options(8, false).withMeters(meters));
        send(TestProblems.eggs("p1"));
        send(TestProblems.eggs("p2"));
        send(TestProblems.eggs("p3"));
        assertThat(gauges(meters)).containsExactly(Map.entry("divconq.async.pending", 3.0),
                Map.entry("divconq.async.queued", 2.0), Map.entry("divconq.async.running", 1.0),
                Map.entry("divconq.async.side.queued", 0.0));

        calls.get("p1").complete(null); // frees the permit: p2 starts
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(gauges(meters)).containsExactly(Map.entry("divconq.async.pending", 2.0),
                Map.entry("divconq.async.queued", 1.0), Map.entry("divconq.async.running", 1.0),
                Map.entry("divconq.async.side.queued", 0.0));
        assertThat(meters.get("divconq.async.queued").gauge().getId().getTag("stage")).isEqualTo("echo");
        assertThat(meters.get("divconq.async.queued").gauge().getId().getTag("task")).isEqualTo("0_0");

        driver.close();
        driver = null;
        assertThat(meters.getMeters()).as("removed when the task closes").isEmpty();
    }

    private static Map<String, Double> gauges(io.micrometer.core.instrument.MeterRegistry meters) {
        return new java.util.TreeMap<>(meters.getMeters().stream().collect(java.util.stream.Collectors.toMap(
                m -> m.getId().getName(), m -> ((io.micrometer.core.instrument.Gauge) m).value())));
    }

    @Test
    void pendingEntryRoundTrips() {
        PendingEntry e = new PendingEntry("topic", 3, 42L, null, new byte[] {1, 2, 3}, 2);
        PendingEntry back = PendingEntry.decode(e.encode());
        assertThat(back.replays()).isEqualTo(2);
        assertThat(back.topic()).isEqualTo("topic");
        assertThat(back.partition()).isEqualTo(3);
        assertThat(back.offset()).isEqualTo(42L);
        assertThat(back.key()).isNull();
        assertThat(back.value()).containsExactly(1, 2, 3);
    }

    @Test
    void pendingEntriesWrittenBeforeTheReplayCountStillDecode() {
        byte[] current = new PendingEntry("topic", 3, 42L, new byte[] {9}, new byte[] {1, 2, 3}, 5).encode();
        byte[] old = java.util.Arrays.copyOf(current, current.length - 8); // no replay count, no flags

        PendingEntry back = PendingEntry.decode(old);

        assertThat(back.replays()).isZero();
        assertThat(back.key()).containsExactly(9);
        assertThat(back.value()).containsExactly(1, 2, 3);
    }

    /**
     * Own jobs answer at once; each record also has a side job (question "side of ...") on an endpoint of one permit
     * whose calls the test completes ("side:" + id in {@link #calls}); a skipped side marks the own output "[skipped]".
     */
    private AsyncStage<Problem, Problem> withSideJobs(InFlightLimiter sideEndpoint) {
        return p -> new AsyncJob<Problem>(new JobInfo(p.getId(), "exp", "arm-a"), null,
                () -> CompletableFuture.completedFuture(p))
                .withSide(new AsyncJob<>(new JobInfo(p.getId(), "exp", "arm-a").asShadow(), new LimiterPermits(sideEndpoint),
                                () -> calls.computeIfAbsent("side:" + p.getId(), id -> new CompletableFuture<>())
                                        .thenApply(x -> Problem.newBuilder(p).setQuestion("side of " + p.getId()).build())),
                        own -> Problem.newBuilder(own).setQuestion(own.getQuestion() + " [skipped]").build());
    }

    private static List<String> summary(List<org.apache.kafka.streams.KeyValue<String, Problem>> records) {
        return records.stream().map(kv -> kv.key + ": " + (kv.value.getQuestion().startsWith("side of")
                ? kv.value.getQuestion() : kv.value.getQuestion().endsWith("[skipped]") ? "own [skipped]" : "own")).toList();
    }

    private static Map<String, Double> sideCounts(io.micrometer.core.instrument.MeterRegistry meters) {
        return new java.util.TreeMap<>(meters.find("divconq.async.side").counters().stream().collect(java.util.stream.Collectors.toMap(
                c -> c.getId().getTag("outcome"), io.micrometer.core.instrument.Counter::count)));
    }

    @Test
    void sideJobsRunApartFromTheirQueueAndNeverHoldTheRecordsOwnOutput() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        start(withSideJobs(new InFlightLimiter(1)), options(8, false).withMeters(meters).withMaxSideQueuedPerTask(1));
        send(TestProblems.eggs("p1")); // its side job takes the one permit
        send(TestProblems.eggs("p2")); // its side job waits in the side queue (capacity 1)
        send(TestProblems.eggs("p3")); // the side queue is full: skipped, counted, and recorded on p3's own output
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(summary(out.readKeyValuesToList())).as("own outputs at once, although no side call has answered")
                .containsExactly("p1: own", "p2: own", "p3: own [skipped]");
        assertThat(pendingStore().approximateNumEntries()).as("the two side jobs stay pending").isEqualTo(2);
        assertThat(calls).containsOnlyKeys("side:p1");

        calls.get("side:p1").complete(null); // frees the permit: p2's side job starts
        driver.advanceWallClockTime(Duration.ofMillis(20));
        calls.get("side:p2").complete(null);
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(summary(out.readKeyValuesToList())).containsExactly("p1: side of p1", "p2: side of p2");
        assertThat(calls).containsOnlyKeys("side:p1", "side:p2");
        assertThat(pendingStore().approximateNumEntries()).isZero();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(sideCounts(meters)).containsExactly(Map.entry("emitted", 2.0), Map.entry("queued", 2.0), Map.entry("skipped", 1.0));
    }

    @Test
    void aFailedSideJobIsDeadLetteredFlaggedAsShadowAndTheOwnOutputStands() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        start(withSideJobs(new InFlightLimiter(1)), options(8, false).withMeters(meters));
        send(TestProblems.eggs("p1"));
        calls.get("side:p1").completeExceptionally(new UnparseableReplyException("no subquestions", "garbage"));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(summary(out.readKeyValuesToList())).containsExactly("p1: own");
        DeadLetter d = dlq.readValue();
        assertThat(List.of(d.getProblemId(), d.getArm(), d.getShadow(), d.getErrorType()))
                .containsExactly("p1", "arm-a", true, "unparseable-reply");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(pendingStore().approximateNumEntries()).isZero();
        assertThat(sideCounts(meters)).containsExactly(Map.entry("failed", 1.0), Map.entry("queued", 1.0));
    }

    @Test
    void restoredSideEntriesAreReissuedAndASkippedSideStaysRecorded() {
        MockProcessorContext<String, StageOutcome<Problem>> context = mockContext();
        KeyValueStore<Long, byte[]> store = pendingStoreIn(context);
        // p7: its own job was pending and its side job had been skipped; p9: only its side job was pending.
        PendingEntry own7 = entry(7).withFlag(PendingEntry.SIDE_SKIPPED);
        PendingEntry side9 = entry(9).withFlag(PendingEntry.SIDE);
        store.put(own7.storeKey(), own7.encode());
        store.put(side9.storeKey(), side9.encode());
        Processor<byte[], byte[], String, StageOutcome<Problem>> processor = new AsyncStageSupplier<>("echo",
                inTopic.serde().deserializer(), withSideJobs(new InFlightLimiter(4)), options(1, false)).get();
        processor.init(context);

        assertThat(calls).containsOnlyKeys("side:p9");
        calls.get("side:p9").complete(null);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);

        List<String> forwarded = summary(context.forwarded().stream().map(f -> org.apache.kafka.streams.KeyValue.pair(
                (String) f.record().key(), ((StageOutcome.Emitted<Problem>) f.record().value()).value())).toList());
        assertThat(forwarded).containsExactly("p7: own [skipped]", "p9: side of p9");
        assertThat(store.approximateNumEntries()).isZero();
    }

    private PendingEntry entry(long offset) {
        Problem p = TestProblems.eggs("p" + offset);
        return new PendingEntry("in", 0, offset, p.getId().getBytes(StandardCharsets.UTF_8), inTopic.encode(p), 0);
    }

    private static MockProcessorContext<String, StageOutcome<Problem>> mockContext() {
        MockProcessorContext<String, StageOutcome<Problem>> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_000L);
        return context;
    }

    /** An empty pending store, as the processor finds it, registered with the context. */
    private static KeyValueStore<Long, byte[]> pendingStoreIn(MockProcessorContext<String, StageOutcome<Problem>> context) {
        KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("echo-pending"),
                Serdes.Long(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
