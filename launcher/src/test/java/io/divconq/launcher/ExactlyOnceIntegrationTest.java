package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.launcher.testing.TopicReader;
import io.divconq.simulator.ModelProfile;
import io.divconq.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Many concurrent model calls with random latencies and failures, and still one result per problem. */
class ExactlyOnceIntegrationTest {

    @Test
    void thousandProblemsWithRandomLatenciesGiveExactlyOneDecompositionSolutionAndScoreEach() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        // Latencies from 2 ms to ~400 ms (log-normal, median 20 ms, sigma 1), so results overtake each other.
        SimulatorConfig sim = SimulatorConfig.defaults().mapProfiles(p -> new ModelProfile(p.decompositionQuality(),
                p.noDecompositionRate(), p.malformedRate(), p.accuracyGoodDecomposition(), p.accuracyPoorDecomposition(),
                p.accuracyDirect(), 20, 1.0, 0, p.error5xxRate(), p.error429Rate(), 0, p.hangMs()));
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c)) {
            h.start();
            List<Problem> problems = new ArrayList<>(h.load(gsm8k, 1000));
            try (RunMonitor monitor = h.monitor(problems)) {
                h.produce(problems);
                assertThat(PipelineHarness.awaitFinished(monitor, 1000, Duration.ofSeconds(240)))
                        .as("finished %d of 1000", monitor.finished()).isTrue();
            }
            Set<String> ids = problems.stream().map(Problem::getId).collect(Collectors.toSet());
            for (String topic : List.of(h.topics.decompositions().name(), h.topics.solutions().name(), h.topics.scores().name())) {
                Map<String, Integer> counts = TopicReader.countByKey(h.bootstrap, topic, Duration.ofSeconds(2));
                assertThat(counts.keySet()).as(topic).isEqualTo(ids);
                assertThat(counts.values()).as("records per problem in " + topic).containsOnly(1);
            }
            assertThat(h.local.simulator().stats().errorCount("server_error") + h.local.simulator().stats().errorCount("rate_limited"))
                    .as("the simulator injected failures that retries absorbed").isPositive();
        }
    }

    @Test
    void failingEndpointsAreRetriedAndWhatStillFailsIsDeadLetteredWithTheReason() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        // A bad day: 25% HTTP 500, 10% HTTP 429 (Retry-After: 1), 5% of calls hang past the 1 s timeout.
        SimulatorConfig sim = SimulatorConfig.defaults().mapProfiles(p -> p.withFixedLatency(10)
                .withErrorRates(0.25, 0.10, 0.05).withHangMs(5_000));
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c.mergeYaml("""
                endpoints:
                  default: {timeoutMs: 1000, retry: {maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 200}}
                """))) {
            h.start();
            List<Problem> problems = h.load(gsm8k, 200);
            try (RunMonitor monitor = h.monitor(problems)) {
                h.produce(problems);
                assertThat(PipelineHarness.awaitFinished(monitor, 200, Duration.ofSeconds(180)))
                        .as("finished %d of 200", monitor.finished()).isTrue();
                Set<String> scored = monitor.scores().keySet();
                Set<String> dead = monitor.deadLetters().keySet();
                // Intention to treat: every problem ends in one score; a dead-lettered one in a failed score, which an
                // outage marks as the infrastructure's failure, not the arm's.
                assertThat(scored).hasSize(200).containsAll(dead);
                assertThat(monitor.scores().values()).filteredOn(Score::getFailed).extracting(Score::getProblemId)
                        .containsExactlyInAnyOrderElementsOf(dead);
                assertThat(monitor.scores().values()).filteredOn(Score::getFailed).allSatisfy(x -> {
                    assertThat(x.getInfrastructureFailure()).isTrue();
                    assertThat(x.getFailureKind()).isEqualTo("model-call-failed");
                });
                assertThat(scored.size() - dead.size()).as("most problems survive with 3 attempts").isGreaterThan(150);
                var assigner = new io.divconq.decomposer.ArmAssigner(h.config.experiment());
                Map<String, Problem> byId = problems.stream().collect(Collectors.toMap(Problem::getId, p -> p));
                for (DeadLetter d : monitor.deadLetters().values()) {
                    assertThat(d.getErrorType()).isEqualTo("model-call-failed");
                    // At least 3 attempts: a call held while the circuit breaker was open (five faults in a row happen
                    // at this error rate) gets a fresh budget of 3 when it goes out again, so it may have made more.
                    assertThat(d.getReason()).containsPattern("failed after " + d.getAttempts()
                            + " attempts: (HTTP 500|HTTP 429|.*timed out)");
                    assertThat(d.getAttempts()).isGreaterThanOrEqualTo(3);
                    assertThat(d.getArm()).as("the arm the problem was assigned to")
                            .isEqualTo(assigner.assign(byId.get(d.getProblemId())).name());
                    assertThat(d.getOriginalValue()).isNotNull();
                }
                assertThat(monitor.duplicateScores()).isZero();
            }
            var stats = h.local.simulator().stats();
            assertThat(stats.requests()).as("retries: more requests than the 400 first attempts").isGreaterThan(480);
            assertThat(stats.errorCount("rate_limited")).isPositive();
        }
    }
}
