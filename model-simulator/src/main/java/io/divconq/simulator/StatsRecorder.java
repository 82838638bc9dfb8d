package io.divconq.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters behind {@link SimulatorStats}, kept globally and per model. */
final class StatsRecorder {

    private final Counters global = new Counters();
    private final ConcurrentHashMap<String, Counters> byModel = new ConcurrentHashMap<>();

    /** A chat request was rejected before its model was known (bad JSON, missing key, ...). */
    void rejected(String errorKind) {
        global.requests.increment();
        global.error(errorKind);
    }

    void started(String model) {
        global.start();
        model(model).start();
    }

    void completed(String model, boolean malformed, long promptTokens, long completionTokens) {
        for (Counters c : new Counters[] {global, model(model)}) {
            c.completions.increment();
            if (malformed) {
                c.malformed.increment();
            }
            c.promptTokens.add(promptTokens);
            c.completionTokens.add(completionTokens);
            c.inFlight.decrementAndGet();
        }
    }

    void failed(String model, String errorKind) {
        for (Counters c : new Counters[] {global, model(model)}) {
            c.error(errorKind);
            c.inFlight.decrementAndGet();
        }
    }

    SimulatorStats snapshot() {
        Map<String, SimulatorStats.ModelStats> models = new TreeMap<>();
        byModel.forEach((name, c) -> models.put(name, c.modelStats()));
        return new SimulatorStats(global.requests.sum(), global.completions.sum(), global.malformed.sum(),
                global.errorMap(), global.inFlight.get(), global.maxInFlight.get(), models);
    }

    /** Zeroes every count; requests still in flight stay counted as in flight. */
    void reset() {
        global.reset();
        byModel.values().forEach(Counters::reset);
    }

    private Counters model(String model) {
        return byModel.computeIfAbsent(model, m -> new Counters());
    }

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder completions = new LongAdder();
        final LongAdder malformed = new LongAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder completionTokens = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        void start() {
            requests.increment();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
        }

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        Map<String, Long> errorMap() {
            Map<String, Long> copy = new HashMap<>();
            errors.forEach((kind, count) -> copy.put(kind, count.sum()));
            return copy;
        }

        SimulatorStats.ModelStats modelStats() {
            return new SimulatorStats.ModelStats(requests.sum(), completions.sum(), malformed.sum(), errorMap(),
                    inFlight.get(), maxInFlight.get(), promptTokens.sum(), completionTokens.sum());
        }

        void reset() {
            requests.reset();
            completions.reset();
            malformed.reset();
            promptTokens.reset();
            completionTokens.reset();
            errors.clear();
            maxInFlight.set(inFlight.get());
        }
    }
}
