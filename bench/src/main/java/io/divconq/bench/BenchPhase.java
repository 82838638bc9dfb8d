package io.divconq.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.files.TempDirectory;
import io.divconq.registry.SchemaRegistryClients;
import io.divconq.gateway.Gateway;
import io.divconq.llm.InFlightLimiter;
import io.divconq.llm.ModelEndpoint;
import io.divconq.simulator.ModelSimulator;
import io.divconq.util.DaemonThreads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One measured run of the pipeline: async or the blocking baseline, at a given in-flight limit. */
final class BenchPhase {

    /** What a phase measured over its measurement window. */
    record Result(String name, double seconds, long scored, double problemsPerSecond, double modelCallsPerSecond,
                  double meanInFlight, int maxInFlightSeen, long p50Ms, long p95Ms, long p99Ms, long overheadP50Ms,
                  long overheadP99Ms, double cpuCores, Map<String, Double> cpuCoresByArea, HeapTrend heap, long duplicates) {
    }

    /**
     * The live heap (measured right after a full GC, at the start of the window and every minute) first and last,
     * its least-squares slope, and the largest heap use seen between collections.
     */
    record HeapTrend(double firstLiveMb, double lastLiveMb, double slopeMbPerMinute, double maxMb, int samples) {
    }

    /** Live-heap probe period: long enough that the full GC it forces costs well under 1% of the run. */
    static final long LIVE_HEAP_EVERY_MS = 60_000;

    private BenchPhase() {
    }

    static DivconqConfig config(String registryUrl, ModelSimulator simulator, int maxInFlight, String prefix) {
        // Decomposers and the solver get endpoints of their own (as separate deployments would), each bounded by C.
        return ConfigLoader.defaults().topicPrefix(prefix).schemaRegistryUrl(registryUrl).mergeYaml("""
                endpoints:
                  decomposers: {url: %1$s, maxInFlight: %2$d, timeoutMs: 30000}
                  solver: {url: %1$s, maxInFlight: %2$d, timeoutMs: 30000}
                solver: {endpoint: solver}
                gateway: {port: 0}
                experiment:
                  arms:
                    - {name: teacher, weight: 50, endpoint: decomposers, model: sim-teacher}
                    - {name: student, weight: 50, endpoint: decomposers, model: sim-student}
                """.formatted(simulator.baseUrl(), maxInFlight)).build();
    }

    static Result run(PipelineUnderTest target, String name, String bootstrap, String registryUrl, ModelSimulator simulator,
                      int maxInFlight, int outstanding, long warmupMs, long measureMs, boolean blocking, boolean viaGateway)
            throws Exception {
        String prefix = "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        DivconqConfig config = config(registryUrl, simulator, maxInFlight, prefix);
        DivconqContext context = DivconqContext.withRegistry(config, bootstrap,
                SchemaRegistryClients.create(registryUrl, Optional.empty()), new SimpleMeterRegistry());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("divconq-bench-sampler"));
        try (TempDirectory state = TempDirectory.create("divconq-bench-");
             PipelineUnderTest.Running pipeline = target.start(context, state.path(), blocking);
             Gateway gateway = viaGateway ? Gateway.start(context, state.path().resolve("gateway"), k -> null) : null;
             Load load = viaGateway ? new GatewayLoad(gateway.url()) : new LoadGenerator(context)) {
            pipeline.awaitRunning(java.time.Duration.ofSeconds(60));
            if (gateway != null) gateway.awaitRunning(java.time.Duration.ofSeconds(60));
            long start = System.currentTimeMillis();
            load.drive(outstanding, start + warmupMs, (seen, e2e, model) -> { });

            int capacity = (int) Math.min(20_000_000L, Math.max(10_000L, (long) (measureMs / 1000.0 * 5_000)));
            Samples e2e = new Samples(capacity);
            Samples overhead = new Samples(capacity);
            List<InFlightLimiter> limiters = pipeline.endpoints().stream().map(ModelEndpoint::inFlight).toList();
            long[] inFlightSum = new long[1];
            long[] inFlightSamples = new long[1];
            List<double[]> liveHeap = new ArrayList<>();
            double[] heapMax = {0};
            long t0 = System.currentTimeMillis();
            sampler.scheduleAtFixedRate(() -> {
                for (InFlightLimiter l : limiters) inFlightSum[0] += l.inFlight();
                inFlightSamples[0]++;
                heapMax[0] = Math.max(heapMax[0], ProcessProbe.heapUsedBytes() / 1e6);
            }, 0, 20, TimeUnit.MILLISECONDS);
            sampler.scheduleAtFixedRate(() -> {
                System.gc();
                synchronized (liveHeap) {
                    liveHeap.add(new double[] {(System.currentTimeMillis() - t0) / 60_000.0, ProcessProbe.heapUsedBytes() / 1e6});
                }
            }, 0, LIVE_HEAP_EVERY_MS, TimeUnit.MILLISECONDS);
            long requestsBefore = simulator.stats().requests();
            long cpuBefore = ProcessProbe.processCpuNanos();
            long gcBefore = ProcessProbe.gcMillis();
            long threadsBefore = ProcessProbe.threadsStarted();
            Map<String, Long> areasBefore = ProcessProbe.cpuByArea();
            long[] scored = {0};
            load.drive(outstanding, t0 + measureMs, (seen, endToEnd, model) -> {
                scored[0]++;
                e2e.add(endToEnd);
                overhead.add(Math.max(0, endToEnd - model));
            });
            long t1 = System.currentTimeMillis();
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.SECONDS);
            double secs = (t1 - t0) / 1000.0;
            long cpu = ProcessProbe.processCpuNanos() - cpuBefore;
            Map<String, Long> areas = ProcessProbe.minus(ProcessProbe.cpuByArea(), areasBefore);
            Map<String, Double> coresByArea = new java.util.LinkedHashMap<>();
            long javaThreads = 0;
            for (var e : areas.entrySet()) {
                coresByArea.put(e.getKey(), round(e.getValue() / 1e9 / secs));
                javaThreads += e.getValue();
            }
            coresByArea.put("jvm (gc, jit) and exited threads", round(Math.max(0, cpu - javaThreads) / 1e9 / secs));
            coresByArea.put("(gc pause share of wall time)", round((ProcessProbe.gcMillis() - gcBefore) / 1000.0 / secs));
            coresByArea.put("(threads started per s)", round((ProcessProbe.threadsStarted() - threadsBefore) / secs));
            int maxSeen = limiters.stream().mapToInt(InFlightLimiter::maxInFlightSeen).max().orElse(0);
            return new Result(name, secs, scored[0], scored[0] / secs,
                    (simulator.stats().requests() - requestsBefore) / secs,
                    limiters.isEmpty() || inFlightSamples[0] == 0 ? 0 : (double) inFlightSum[0] / inFlightSamples[0] / limiters.size(),
                    maxSeen, e2e.quantile(0.5), e2e.quantile(0.95), e2e.quantile(0.99), overhead.quantile(0.5),
                    overhead.quantile(0.99), round(cpu / 1e9 / secs), coresByArea, heapTrend(liveHeap, heapMax[0]),
                    load.duplicates());
        } finally {
            sampler.shutdownNow();
        }
    }

    static HeapTrend heapTrend(List<double[]> samples, double maxMb) {
        List<double[]> full;
        synchronized (samples) {
            full = new ArrayList<>(samples);
        }
        if (full.isEmpty()) return new HeapTrend(0, 0, 0, round(maxMb), 0);
        double n = full.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] p : full) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double denom = n * sxx - sx * sx;
        double slope = denom == 0 ? 0 : (n * sxy - sx * sy) / denom;
        return new HeapTrend(round(full.get(0)[1]), round(full.get(full.size() - 1)[1]), full.size() < 3 ? 0 : round(slope),
                round(maxMb), full.size());
    }

    static ObjectNode json(Result r) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("seconds", round(r.seconds()));
        n.put("problems_scored", r.scored());
        n.put("problems_per_s", round(r.problemsPerSecond()));
        n.put("model_calls_per_s", round(r.modelCallsPerSecond()));
        n.put("mean_in_flight", round(r.meanInFlight()));
        n.put("max_in_flight_seen", r.maxInFlightSeen());
        n.put("p50_ms", r.p50Ms());
        n.put("p95_ms", r.p95Ms());
        n.put("p99_ms", r.p99Ms());
        n.put("overhead_p50_ms", r.overheadP50Ms());
        n.put("overhead_p99_ms", r.overheadP99Ms());
        n.put("cpu_cores", r.cpuCores());
        ObjectNode areas = n.putObject("cpu_cores_by_area");
        r.cpuCoresByArea().forEach(areas::put);
        ObjectNode heap = n.putObject("heap");
        heap.put("first_live_mb", r.heap().firstLiveMb());
        heap.put("last_live_mb", r.heap().lastLiveMb());
        heap.put("live_slope_mb_per_min", r.heap().slopeMbPerMinute());
        heap.put("live_samples", r.heap().samples());
        heap.put("max_mb", r.heap().maxMb());
        n.put("duplicates", r.duplicates());
        return n;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
