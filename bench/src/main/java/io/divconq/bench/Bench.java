package io.divconq.bench;

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

/**
 * Throughput benchmark: the whole pipeline (three exactly_once_v2 streams) on the embedded broker against the
 * simulator with a fixed latency L and in-flight limit C, then the blocking baseline, side by side in one run.
 */
public final class Bench {

    /**
     * What to measure.
     *
     * @param outstanding problems the load generator keeps in the pipeline; null = 4 x C (16 x C at L = 0)
     * @param via         kafka (clients write problems, read scores) or gateway (also HTTP clients through the gateway)
     * @param reportJson  where to write the numbers as JSON; null = nowhere
     */
    public record Options(long latencyMs, int maxInFlight, long seconds, long warmupSeconds, long baselineSeconds,
                          Integer outstanding, String via, Path reportJson) {
    }

    private Bench() {
    }

    /** Runs the phases, prints them and the summary; 0 when no duplicate was scored and C was never exceeded. */
    public static int run(Options o, PipelineUnderTest target, PrintStream out) throws Exception {
        if (!o.via().equals("kafka") && !o.via().equals("gateway")) {
            out.println("--via must be kafka or gateway");
            return 2;
        }
        // Enough work to keep both model stages full through three commit intervals (Little's law: C per stage plus
        // what sits in topics between commits); at L=0 the commits dominate, so more.
        int window = o.outstanding() != null ? o.outstanding() : (o.latencyMs() == 0 ? 16 : 4) * o.maxInFlight();
        double bound = o.latencyMs() == 0 ? Double.POSITIVE_INFINITY : o.maxInFlight() * 1000.0 / o.latencyMs();
        out.printf("divconq bench: L=%d ms, C=%d, %d s (+%d s warm-up), %d outstanding; %d cores, Java %s; SIMULATED models%n",
                o.latencyMs(), o.maxInFlight(), o.seconds(), o.warmupSeconds(), window, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (LocalServices local = new LocalServices()) {
            String bootstrap = local.startKafka().bootstrapServers();
            String registry = local.startRegistry().url();
            ModelSimulator sim = local.startSimulator(SimulatorConfig.defaults().withFixedLatency(o.latencyMs()).withoutErrors(), List.of());

            out.println("async run ...");
            BenchPhase.Result async = BenchPhase.run(target, "async", bootstrap, registry, sim, o.maxInFlight(), window,
                    o.warmupSeconds() * 1000, o.seconds() * 1000, false, false);
            print(out, async);
            BenchPhase.Result viaGateway = null;
            if (o.via().equals("gateway")) {
                out.println("through the gateway (HTTP clients, POST /v1/answers, each waiting for its answer) ...");
                viaGateway = BenchPhase.run(target, "gateway", bootstrap, registry, sim, o.maxInFlight(), window,
                        o.warmupSeconds() * 1000, o.seconds() * 1000, false, true);
                print(out, viaGateway);
            }
            BenchPhase.Result baseline = null;
            if (o.baselineSeconds() > 0) {
                out.println("blocking baseline (same topology and threads, one call at a time) ...");
                baseline = BenchPhase.run(target, "blocking", bootstrap, registry, sim, o.maxInFlight(), window,
                        Math.min(o.warmupSeconds(), 5) * 1000, o.baselineSeconds() * 1000, true, false);
                print(out, baseline);
            }

            ObjectNode json = BenchPhase.json(async);
            json.put("latency_ms", o.latencyMs());
            json.put("max_in_flight", o.maxInFlight());
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
            if (o.reportJson() != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.reportJson().toFile(), json);
                out.println("report written to " + o.reportJson());
            }
            boolean gatewayOk = viaGateway == null || viaGateway.duplicates() == 0 && viaGateway.maxInFlightSeen() <= o.maxInFlight();
            return gatewayOk && async.duplicates() == 0 && async.maxInFlightSeen() <= o.maxInFlight() ? 0 : 1;
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
