package io.divconq.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.embedded.LocalServices;
import io.divconq.simulator.ModelSimulator;
import io.divconq.simulator.SimulatorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput benchmark: the whole pipeline (three exactly_once_v2 streams) on the embedded broker against the
 * simulator with a fixed latency L and in-flight limit C, then the blocking baseline, side by side in one run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure end-to-end throughput against the simulator at latency L and max-in-flight C, vs the blocking baseline.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--latency-ms", description = "Simulated model latency L (fixed). Default: ${DEFAULT-VALUE}.")
    long latencyMs = 200;

    @Option(names = "--max-in-flight", description = "In-flight limit C per endpoint. Default: ${DEFAULT-VALUE}.")
    int maxInFlight = 128;

    @Option(names = "--seconds", description = "Measured duration of the async run. Default: ${DEFAULT-VALUE}.")
    long seconds = 60;

    @Option(names = "--warmup-seconds", description = "Unmeasured warm-up (JIT, connections) before the async run. Default: ${DEFAULT-VALUE}.")
    long warmupSeconds = 30;

    @Option(names = "--baseline-seconds", description = "Measured duration of the blocking baseline (0 = skip). Default: ${DEFAULT-VALUE}.")
    long baselineSeconds = 20;

    @Option(names = "--outstanding", description = "Problems the load generator keeps in the pipeline (default: 4 x C, or 16 x C at L=0).")
    Integer outstanding;

    @Option(names = "--via", paramLabel = "kafka|gateway",
            description = "kafka: clients write problems and read scores; gateway: also measure HTTP clients through the gateway, side by side. Default: ${DEFAULT-VALUE}.")
    String via = "kafka";

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the numbers as JSON.")
    Path reportJson;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        // Enough work to keep both model stages full through three commit intervals (Little's law: C per stage plus
        // what sits in topics between commits); at L=0 the commits dominate, so more.
        int window = outstanding != null ? outstanding : (latencyMs == 0 ? 16 : 4) * maxInFlight;
        double bound = latencyMs == 0 ? Double.POSITIVE_INFINITY : maxInFlight * 1000.0 / latencyMs;
        out.printf("divconq bench: L=%d ms, C=%d, %d s (+%d s warm-up), %d outstanding; %d cores, Java %s; SIMULATED models%n",
                latencyMs, maxInFlight, seconds, warmupSeconds, window, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (LocalServices local = new LocalServices()) {
            String bootstrap = local.startKafka().bootstrapServers();
            String registry = local.startRegistry().url();
            ModelSimulator sim = local.startSimulator(SimulatorConfig.defaults().withFixedLatency(latencyMs).withoutErrors(), List.of());

            out.println("async run ...");
            BenchPhase.Result async = BenchPhase.run("async", bootstrap, registry, sim, maxInFlight, window,
                    warmupSeconds * 1000, seconds * 1000, false, false);
            print(out, async);
            BenchPhase.Result viaGateway = null;
            if (via.equals("gateway")) {
                out.println("through the gateway (HTTP clients, POST /v1/answers, each waiting for its answer) ...");
                viaGateway = BenchPhase.run("gateway", bootstrap, registry, sim, maxInFlight, window,
                        warmupSeconds * 1000, seconds * 1000, false, true);
                print(out, viaGateway);
            } else if (!via.equals("kafka")) {
                out.println("--via must be kafka or gateway");
                return 2;
            }
            BenchPhase.Result baseline = null;
            if (baselineSeconds > 0) {
                out.println("blocking baseline (same topology and threads, one call at a time) ...");
                baseline = BenchPhase.run("blocking", bootstrap, registry, sim, maxInFlight, window,
                        Math.min(warmupSeconds, 5) * 1000, baselineSeconds * 1000, true, false);
                print(out, baseline);
            }

            ObjectNode json = BenchPhase.json(async);
            json.put("latency_ms", latencyMs);
            json.put("max_in_flight", maxInFlight);
            json.put("outstanding", window);
            if (Double.isFinite(bound)) {
                json.put("bound_per_s", BenchPhase.round(bound));
                json.put("ratio_to_bound", BenchPhase.round(async.problemsPerSecond() / bound));
            } else {
                json.putNull("bound_per_s");
                json.putNull("ratio_to_bound");
            }
            if (baseline != null) {
                json.put("baseline_problems_per_s", BenchPhase.round(baseline.problemsPerSecond()));
                json.put("speedup_vs_baseline", BenchPhase.round(async.problemsPerSecond() / Math.max(1e-9, baseline.problemsPerSecond())));
                json.set("baseline", BenchPhase.json(baseline));
            }
            if (viaGateway != null) {
                json.put("gateway_answers_per_s", BenchPhase.round(viaGateway.problemsPerSecond()));
                json.put("gateway_ratio_to_bound", Double.isFinite(bound) ? BenchPhase.round(viaGateway.problemsPerSecond() / bound) : null);
                json.put("gateway_overhead_p50_ms", viaGateway.p50Ms() - async.p50Ms());
                json.set("gateway", BenchPhase.json(viaGateway));
                out.printf("%ngateway: answers/s %.1f   ratio to C/L %s   end-to-end p50 %d ms vs %d ms through Kafka alone: overhead p50 %d ms%n",
                        viaGateway.problemsPerSecond(),
                        Double.isFinite(bound) ? String.format("%.3f", viaGateway.problemsPerSecond() / bound) : "n/a",
                        viaGateway.p50Ms(), async.p50Ms(), viaGateway.p50Ms() - async.p50Ms());
            }
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("java", System.getProperty("java.version"));
            json.put("date", LocalDate.now().toString());
            json.put("simulated", true);

            out.println();
            out.printf("problems/s %.1f   bound C/L %s   ratio %s   baseline %.2f/s   speed-up %s%n",
                    async.problemsPerSecond(), Double.isFinite(bound) ? String.format("%.1f", bound) : "n/a",
                    Double.isFinite(bound) ? String.format("%.3f", async.problemsPerSecond() / bound) : "n/a",
                    baseline == null ? Double.NaN : baseline.problemsPerSecond(),
                    baseline == null ? "n/a" : String.format("%.1fx", async.problemsPerSecond() / baseline.problemsPerSecond()));
            if (reportJson != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(reportJson.toFile(), json);
                out.println("report written to " + reportJson);
            }
            boolean gatewayOk = viaGateway == null || viaGateway.duplicates() == 0 && viaGateway.maxInFlightSeen() <= maxInFlight;
            return gatewayOk && async.duplicates() == 0 && async.maxInFlightSeen() <= maxInFlight ? 0 : 1;
        }
    }

    private static void print(PrintStream out, BenchPhase.Result r) {
        out.printf("  %-8s %6.1f problems/s over %.0f s (%d scored), %.0f model calls/s, mean in-flight %.1f (max %d)%n",
                r.name(), r.problemsPerSecond(), r.seconds(), r.scored(), r.modelCallsPerSecond(), r.meanInFlight(), r.maxInFlightSeen());
        out.printf("           end-to-end p50 %d ms, p95 %d ms, p99 %d ms; pipeline overhead p50 %d ms, p99 %d ms%n",
                r.p50Ms(), r.p95Ms(), r.p99Ms(), r.overheadP50Ms(), r.overheadP99Ms());
        out.printf("           CPU %.2f cores %s%n", r.cpuCores(), r.cpuCoresByArea());
        out.printf("           live heap after full GC %.0f -> %.0f MB over %d samples (%.2f MB/min), max heap %.0f MB; duplicates %d%n",
                r.heap().firstLiveMb(), r.heap().lastLiveMb(), r.heap().samples(), r.heap().slopeMbPerMinute(), r.heap().maxMb(),
                r.duplicates());
    }
}
