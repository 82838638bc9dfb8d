package io.divconq.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Hundreds of pending requests wait on the scheduler, not on one thread each (3 s replies, so that even a loaded
 * machine submits all of them while the first still wait). */
class ConcurrencyTest {

    private static final int REQUESTS = 200;

    @Test
    void twoHundredSlowRequestsAreInFlightTogether() throws Exception {
        List<Problem> problems = TestProblems.inline(REQUESTS);
        SimulatorConfig config = SimulatorConfig.defaults().withFixedLatency(3_000).withoutErrors();
        try (ModelSimulator simulator = ModelSimulator.start(config, TestProblems.knowledgeOf(problems), 0);
             SimulatorClient client = new SimulatorClient(simulator.baseUrl())) {
            warmUp(client, problems.get(0));
            simulator.resetStats();

            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (Problem p : problems) {
                pending.add(client.chatAsync("sim-solver", "s", TemplatePrompts.solveDirect(p.question())));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(pending).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
            SimulatorStats stats = simulator.stats();
            assertThat(stats.completions()).isEqualTo(REQUESTS);
            assertThat(stats.maxInFlight()).isGreaterThanOrEqualTo(100);
            assertThat(stats.byModel().get("sim-solver").maxInFlight()).isGreaterThanOrEqualTo(100);
            assertThat(stats.inFlight()).isZero();
            // Sleeping a thread per request would need 200 threads; the simulator has a small fixed set.
            assertThat(simulatorThreads()).isLessThanOrEqualTo(1 + Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        }
    }

    private static void warmUp(SimulatorClient client, Problem problem) throws IOException {
        assertThat(client.chat("sim-solver", "s", TemplatePrompts.solveDirect(problem.question())).statusCode()).isEqualTo(200);
    }

    private static long simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("divconq-sim-")).count();
    }
}
