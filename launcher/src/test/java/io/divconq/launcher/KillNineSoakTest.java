package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.CommittedDecompositions;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.launcher.testing.TopicReader;
import io.divconq.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 soak, on demand ({@code -Ddivconq.soak=true}; see docs/reliability.md): two instances of each stream in
 * separate JVMs under load, {@code divconq.soak.kills} (default 10) SIGKILLs of a random instance at random moments,
 * each restarted on its own state directory. Every problem must end with exactly one committed score, none lost.
 * With {@code divconq.soak.shadowRate} > 0 shadow mode is on: every problem still has exactly one decomposition and
 * score of its own, and a sampled problem exactly one shadow decomposition unless its sample was skipped, never two.
 * Prints the numbers it measured.
 */
@EnabledIfSystemProperty(named = "divconq.soak", matches = "true")
class KillNineSoakTest {

    private static final List<String> STREAMS = List.of("decomposer", "solver", "scorer");

    @Test
    void twoInstancesOfEachStreamSurviveRandomKillNines(@TempDir Path dir) throws Exception {
        int problemsCount = Integer.getInteger("divconq.soak.problems", 2_000);
        int kills = Integer.getInteger("divconq.soak.kills", 10);
        Random random = new Random(Long.getLong("divconq.soak.seed", 8L));
        double shadowRate = Double.parseDouble(System.getProperty("divconq.soak.shadowRate", "0"));
        Path config = dir.resolve("soak.yaml");
        Files.writeString(config, "experiment: {shadow: {rate: " + shadowRate + "}}\n");
        var gsm8k = TestData.gsm8kTest();
        SimulatorConfig sim = SimulatorConfig.defaults().withFixedLatency(200);
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c)) {
            List<Problem> source = h.load(gsm8k, 0);
            List<Problem> problems = IntStream.range(0, problemsCount).mapToObj(i -> Problem.newBuilder(source.get(i % source.size()))
                    .setId("soak-" + i).build()).toList();
            Path log = dir.resolve("streams.log");
            List<Process> instances = new ArrayList<>();
            for (int i = 0; i < 2 * STREAMS.size(); i++) instances.add(start(h, dir, i, log, config));
            long start = System.nanoTime();
            h.produce(problems);
            try (RunMonitor monitor = h.monitor(problems)) {
                // Kill under load, not during start-up: once scores flow.
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (monitor.scores().size() < problems.size() / 20 && System.nanoTime() < deadline) monitor.poll(Duration.ofMillis(200));
                for (int k = 0; k < kills; k++) {
                    long until = System.nanoTime() + Duration.ofMillis(1_000 + random.nextInt(4_000)).toNanos();
                    while (System.nanoTime() < until) monitor.poll(Duration.ofMillis(100));
                    int victim = random.nextInt(instances.size());
                    instances.get(victim).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    System.out.printf("soak: kill %d of %d: %s instance %d at %d scored%n", k + 1, kills,
                            STREAMS.get(victim % 3), victim / 3, monitor.scores().size());
                    instances.set(victim, start(h, dir, victim, log, config));
                }
                boolean finished = PipelineHarness.awaitFinished(monitor, problems.size(), Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("soak: %d problems, %d kills, %.1f s, scored %d, dead-lettered %d, duplicate scores %d%n",
                        problems.size(), kills, seconds, monitor.scores().size(), monitor.deadLetters().size(), monitor.duplicateScores());
                assertThat(finished).as("finished %d of %d", monitor.finished(), problems.size()).isTrue();
                assertThat(monitor.deadLetters()).isEmpty();
            } finally {
                instances.forEach(Process::destroyForcibly);
            }
            Set<String> ids = problems.stream().map(Problem::getId).collect(Collectors.toSet());
            Map<String, Integer> scores = new HashMap<>();
            Map<String, Integer> shadowScores = new HashMap<>();
            TopicReader.forEach(h.bootstrap, h.topics.scores().name(), Duration.ofSeconds(2), (key, bytes) ->
                    (h.topics.scores().decode(bytes).getShadow() ? shadowScores : scores).merge(key, 1, Integer::sum));
            assertThat(scores.keySet()).as("every problem scored, none lost").isEqualTo(ids);
            assertThat(scores.values()).as("committed scores per problem (read_committed)").containsOnly(1);
            if (shadowRate > 0) {
                CommittedDecompositions read = CommittedDecompositions.read(h.bootstrap, h.topics);
                Map<String, Decomposition> own = read.own();
                Map<String, Integer> ownCount = read.ownCount();
                Map<String, Integer> shadows = read.shadows();
                long sampled = own.values().stream().filter(Decomposition::getShadowSampled).count();
                long skipped = own.values().stream().filter(Decomposition::getShadowSkipped).count();
                System.out.printf("soak: shadow rate %.2f: %d sampled, %d skipped, %d shadow decompositions, %d shadow scores%n",
                        shadowRate, sampled, skipped, shadows.size(), shadowScores.size());
                assertThat(ownCount.values()).as("one own decomposition per problem").hasSize(ids.size()).containsOnly(1);
                assertThat(shadows.values()).as("never two shadows of one problem").containsOnly(1);
                assertThat(shadowScores.values()).as("never two shadow scores of one problem").containsOnly(1);
                assertThat(shadows.keySet()).as("a shadow exactly for each sampled, not skipped problem").isEqualTo(own.values().stream()
                        .filter(d -> d.getShadowSampled() && !d.getShadowSkipped()).map(Decomposition::getProblemId)
                        .collect(Collectors.toSet()));
                assertThat(sampled).isPositive();
            }
        }
    }

    /** Instance {@code i} runs stream {@code i % 3} on its own state directory, as a separate JVM. */
    private static Process start(PipelineHarness h, Path dir, int i, Path log, Path config) throws Exception {
        Path state = dir.resolve("state-" + i);
        Files.createDirectories(state);
        String stream = STREAMS.get(i % 3);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), Divconq.class.getName(), stream,
                "--bootstrap-servers", h.bootstrap,
                "--schema-registry-url", h.config.schemaRegistry().url(),
                "--topic-prefix", h.config.topics().prefix(),
                "--state-dir", state.toString(),
                "--config", config.toString()));
        // Model options only where a stream calls models; the dashboard option only where it serves one.
        cmd.addAll(stream.equals("scorer") ? List.of("--no-dashboard") : List.of("--llm-url", h.config.endpoint("default").url()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
