package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The whole pipeline on a real KRaft broker, in-process registry and the model simulator. */
class PipelineIntegrationTest {

    @Test
    void fiftyProblemsInExactlyFiftyScoresOutAndArmTotalsAddUp() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        // Fast but faulty models: 1% 5xx and 0.5% 429 make the retries work for their living.
        SimulatorConfig sim = SimulatorConfig.defaults().withFixedLatency(20);
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c)) {
            h.start();
            List<Problem> problems = h.load(gsm8k, 50);
            List<Problem> all = new ArrayList<>(problems);
            try (RunMonitor monitor = h.monitor(all)) {
                // A record that is not Avro at all comes first: it must be dead-lettered and the stream go on.
                h.produceRaw(h.topics.problems().name(), "garbage".getBytes(StandardCharsets.UTF_8),
                        "{\"id\": \"not in the wire format\"}".getBytes(StandardCharsets.UTF_8));
                h.produce(problems);
                assertThat(PipelineHarness.awaitFinished(monitor, 50, Duration.ofSeconds(120)))
                        .as("all 50 problems finished; have %d", monitor.finished()).isTrue();
                // Anything late (a duplicate) would show up now.
                monitor.poll(Duration.ofSeconds(1));

                assertThat(monitor.scores()).hasSize(50);
                assertThat(monitor.duplicateScores()).isZero();
                assertThat(monitor.deadLetters()).isEmpty();
                assertArmStatsAreTheSumOfScores(monitor.armStats(), monitor.scores().values());
                assertThat(monitor.scores().values()).allMatch(Score::getSimulated);
                assertThat(monitor.scores().values().stream().filter(s -> Boolean.TRUE.equals(s.getCorrect())).count())
                        .as("the simulator's solver is right about 2 times in 3").isBetween(20L, 45L);
            }
            DeadLetter malformed = readDeadLetters(h).stream()
                    .filter(d -> d.getSourceTopic().equals(h.topics.problems().name())).findFirst().orElseThrow();
            assertThat(malformed.getErrorType()).isEqualTo("deserialization");
            assertThat(malformed.getReason()).containsIgnoringCase("magic byte");
            assertThat(StandardCharsets.UTF_8.decode(malformed.getOriginalValue()).toString()).contains("not in the wire format");
        }
    }

    static void assertArmStatsAreTheSumOfScores(Map<String, ArmStats> stats, Collection<Score> scores) {
        Map<String, List<Score>> byArm = scores.stream().collect(Collectors.groupingBy(Score::getArm));
        assertThat(stats.keySet()).containsExactlyInAnyOrderElementsOf(byArm.keySet());
        byArm.forEach((arm, list) -> {
            ArmStats a = stats.get(arm);
            assertThat(a.getProblems()).isEqualTo(list.size());
            assertThat(a.getCorrect()).isEqualTo(list.stream().filter(s -> Boolean.TRUE.equals(s.getCorrect())).count());
            assertThat(a.getCostUsdDecompose()).isCloseTo(sum(list, Score::getCostUsdDecompose), Offset.offset(1e-9));
            assertThat(a.getCostUsdSolve()).isCloseTo(sum(list, Score::getCostUsdSolve), Offset.offset(1e-9));
            assertThat(a.getPromptTokens()).isEqualTo(list.stream()
                    .mapToLong(s -> s.getDecomposeUsage().getPromptTokens() + s.getSolveUsage().getPromptTokens()).sum());
            assertThat(a.getCompletionTokens()).isEqualTo(list.stream()
                    .mapToLong(s -> s.getDecomposeUsage().getCompletionTokens() + s.getSolveUsage().getCompletionTokens()).sum());
        });
    }

    private static double sum(List<Score> list, Function<Score, Double> f) {
        return list.stream().mapToDouble(f::apply).sum();
    }

    private static List<DeadLetter> readDeadLetters(PipelineHarness h) {
        List<DeadLetter> out = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", h.bootstrap, "group.id", "dlq-reader-" + System.nanoTime(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(h.topics.deadLetters().name()));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(h.topics.deadLetters().decode(r.value())));
                return !out.isEmpty();
            });
        }
        return out;
    }
}
