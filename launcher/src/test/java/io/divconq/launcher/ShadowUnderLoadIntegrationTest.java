package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.decomposer.ArmAssigner;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.CommittedDecompositions;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.launcher.testing.TopicReader;
import io.divconq.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Shadow mode under load, against a real broker: the control's endpoint is kept busy (4 permits, 20 ms calls), so
 * the shadow queue (2 per task) overflows. Every problem still gets exactly one decomposition of its own; each sampled
 * problem ends in exactly one of "shadow decomposition" or "skipped", never both, never neither; and the arm stats
 * publish the same counts (this caught shadow pairs counted twice when both sides of the join changed within one
 * cache flush).
 */
class ShadowUnderLoadIntegrationTest {

    @Test
    void underLoadEachSampledProblemEndsInOneShadowOrOneSkipAndTheArmStatsSayTheSame() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        SimulatorConfig sim = SimulatorConfig.defaults().withFixedLatency(20).withoutErrors();
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c.mergeYaml("""
                endpoints:
                  default: {maxInFlight: 4}
                experiment:
                  shadow: {rate: 0.5, queueCapacity: 2}
                """))) {
            h.start();
            List<Problem> problems = new ArrayList<>(h.load(gsm8k, 400));
            ArmAssigner assigner = new ArmAssigner(h.config.experiment());
            try (RunMonitor monitor = h.monitor(problems)) {
                h.produce(problems);
                assertThat(PipelineHarness.awaitFinished(monitor, problems.size(), Duration.ofSeconds(240)))
                        .as("finished %d of %d", monitor.finished(), problems.size()).isTrue();
                CommittedDecompositions read = CommittedDecompositions.read(h.bootstrap, h.topics);
                Map<String, Decomposition> own = read.own();
                Map<String, Integer> ownCount = read.ownCount();
                Map<String, Integer> shadows = read.shadows();

                assertThat(ownCount.values()).as("one own decomposition per problem").hasSize(problems.size()).containsOnly(1);
                assertThat(shadows.values()).as("at most one shadow per problem").containsOnly(1);
                Map<String, long[]> byArm = new HashMap<>(); // sampled, skipped, shadows
                for (Problem p : problems) {
                    Decomposition d = own.get(p.getId());
                    assertThat(d.getShadowSampled()).as(p.getId()).isEqualTo(assigner.sampled("shadow", p.getId(), 0.5));
                    boolean shadowed = shadows.containsKey(p.getId());
                    assertThat(shadowed).as(p.getId() + ": a shadow exactly when sampled and not skipped")
                            .isEqualTo(d.getShadowSampled() && !d.getShadowSkipped());
                    long[] c = byArm.computeIfAbsent(d.getArm(), a -> new long[3]);
                    if (d.getShadowSampled()) c[0]++;
                    if (d.getShadowSkipped()) c[1]++;
                    if (shadowed) c[2]++;
                }
                long skipped = byArm.values().stream().mapToLong(c -> c[1]).sum();
                long emitted = byArm.values().stream().mapToLong(c -> c[2]).sum();
                assertThat(skipped).as("the shadow queue overflowed").isPositive();
                assertThat(emitted).as("and shadows still ran").isPositive();
                byArm.forEach((arm, c) -> System.out.printf(
                        "shadow under load, %s: %d problems, configured rate 0.5, sampled %d, skipped %d, shadows %d (realised rate %.3f)%n",
                        arm, own.values().stream().filter(d -> d.getArm().equals(arm)).count(), c[0], c[1], c[2],
                        (double) c[2] / own.values().stream().filter(d -> d.getArm().equals(arm)).count()));

                Map<String, List<Long>> expected = new java.util.TreeMap<>();
                byArm.forEach((arm, c) -> expected.put(arm, List.of(c[0], c[1], c[2])));
                Map<String, Long> shadowScores = new java.util.TreeMap<>();
                TopicReader.forEach(h.bootstrap, h.topics.scores().name(), Duration.ofSeconds(3), (key, bytes) -> {
                    var score = h.topics.scores().decode(bytes);
                    if (score.getShadow()) shadowScores.merge(score.getArm(), 1L, Long::sum);
                });
                Map<String, Long> shadowsByArm = new java.util.TreeMap<>();
                byArm.forEach((arm, c) -> shadowsByArm.put(arm, c[2]));
                assertThat(shadowScores).as("one shadow score per shadow decomposition").isEqualTo(shadowsByArm);
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    monitor.poll(Duration.ofMillis(200));
                    Map<String, List<Long>> published = new java.util.TreeMap<>();
                    monitor.armStats().forEach((arm, a) -> published.put(arm,
                            List.of(a.getShadowSampled(), a.getShadowSkipped(), a.getShadowPairs() + a.getShadowFailures())));
                    assertThat(published).as("per arm: sampled, skipped, shadow outcomes").isEqualTo(expected);
                });
            }
        }
    }
}
