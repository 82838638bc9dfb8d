package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.launcher.testing.TopicReader;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Experiments steered at run time: a ramp through the control topic, and a guardrail that stops a broken arm. */
class ExperimentControlIntegrationTest {

    @Test
    void rampingTheStudentChangesTheSplitWithoutARestartAndIsRecorded() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        try (PipelineHarness h = new PipelineHarness(SimulatorConfig.defaults().withFixedLatency(10).withoutErrors(), List.of(gsm8k),
                c -> c.mergeYaml("""
                        experiment:
                          arms:
                            - {name: teacher, weight: 90, model: sim-teacher}
                            - {name: student, weight: 10, model: sim-student}
                        """))) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            h.start(meters);
            List<Problem> all = h.load(gsm8k, 800);
            List<Problem> before = all.subList(0, 400);
            List<Problem> after = all.subList(400, 800);
            try (RunMonitor monitor = h.monitor(all)) {
                h.produce(before);
                assertThat(PipelineHarness.awaitFinished(monitor, 400, Duration.ofSeconds(120))).isTrue();

                int code = new CommandLine(new Divconq()).execute("weights", "--bootstrap-servers", h.bootstrap,
                        "--schema-registry-url", h.config.schemaRegistry().url(), "--topic-prefix", h.config.topics().prefix(),
                        "--config", writeArms(h), "--set", "student=50", "--set", "teacher=50", "--reason", "ramp student to 50%");
                assertThat(code).isZero();
                awaitDecomposerWeights(meters, Map.of("teacher", 50.0, "student", 50.0));
                h.produce(after);
                assertThat(PipelineHarness.awaitFinished(monitor, 800, Duration.ofSeconds(120))).isTrue();

                double studentBefore = share(monitor, before, "student");
                double studentAfter = share(monitor, after, "student");
                assertThat(studentBefore).as("10%% before the ramp").isBetween(0.05, 0.15);
                assertThat(studentAfter).as("50%% after the ramp").isBetween(0.42, 0.58);

                ExperimentResult result = monitor.experiment().orElseThrow();
                assertThat(result.getWeights()).containsEntry("student", 50.0);
                assertThat(result.getWeightChanges()).singleElement().satisfies(c -> {
                    assertThat(c.getReason()).isEqualTo("ramp student to 50%");
                    assertThat(c.getSource()).isEqualTo("user");
                });
                assertThat(result.getSrm().getMismatch()).as("the ratio check follows the new weights").isFalse();
            }
        }
    }

    @Test
    void aGuardrailStopsRoutingToAnArmThatKeepsFailing() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        // The student's decomposer answers garbage 60% of the time: those problems are dead-lettered.
        SimulatorConfig sim = SimulatorConfig.defaults().withFixedLatency(10).withoutErrors()
                .withModel("sim-student", SimulatorConfig.defaults().profileFor("sim-student").withFixedLatency(10).withoutErrors()
                        .withReplyRates(0.85, 0.0, 0.6));
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c.mergeYaml("""
                experiment:
                  guardrails: {maxDeadLetterRate: 0.2, minProblems: 40, accuracyDropPoints: 0}
                """))) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            h.start(meters);
            List<Problem> first = h.load(gsm8k, 300);
            try (RunMonitor monitor = h.monitor(first)) {
                h.produce(first);
                assertThat(PipelineHarness.awaitFinished(monitor, 300, Duration.ofSeconds(120))).isTrue();
                awaitDecomposerWeights(meters, Map.of("student", 0.0));
                ExperimentResult result = await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                    monitor.poll(Duration.ofMillis(200));
                    return monitor.experiment().orElse(null);
                }, r -> r != null && !r.getGuardrails().isEmpty());
                assertThat(result.getGuardrails()).singleElement().satisfies(g -> {
                    assertThat(g.getArm()).isEqualTo("student");
                    assertThat(g.getReason()).contains("failure rate");
                    assertThat(g.getBound()).as("the always-valid lower bound that fired").isGreaterThan(0.2);
                });
            }
            List<ExperimentControl> controls = new ArrayList<>();
            TopicReader.forEach(h.bootstrap, h.topics.experimentControl().name(), Duration.ofSeconds(1),
                    (k, v) -> controls.add(h.topics.experimentControl().decode(v)));
            assertThat(controls).singleElement().satisfies(c -> {
                assertThat(c.getSource()).isEqualTo("guardrail");
                assertThat(c.getWeights()).containsExactly(Map.entry("student", 0.0));
            });

            List<Problem> next = h.load(gsm8k, 500).subList(300, 500);
            try (RunMonitor monitor = h.monitor(next)) {
                h.produce(next);
                assertThat(PipelineHarness.awaitFinished(monitor, 200, Duration.ofSeconds(120))).isTrue();
                assertThat(monitor.scores().values()).extracting(Score::getArm).containsOnly("teacher");
                assertThat(monitor.deadLetters()).isEmpty();
            }
        }
    }

    /**
     * Done-when check of issue 9: the student decomposes like the teacher but 30% of its replies are unusable (the
     * simulator's malformedRate). Every failure ends in a failed score for the student, counted as wrong, so the
     * student comes out worse than the teacher.
     */
    @Test
    void aStudentWithThirtyPercentUnusableDecompositionsIsWorseWithItsFailuresCounted() throws Exception {
        var gsm8k = TestData.gsm8kTest();
        SimulatorConfig base = SimulatorConfig.defaults().withFixedLatency(10).withoutErrors();
        SimulatorConfig sim = base.withModel("sim-student", base.profileFor("sim-teacher").withFixedLatency(10).withoutErrors()
                .withReplyRates(base.profileFor("sim-teacher").decompositionQuality(), 0.0, 0.3));
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c.mergeYaml("""
                experiment:
                  guardrails: {maxDeadLetterRate: 0, accuracyDropPoints: 0}
                """))) {
            h.start();
            List<Problem> problems = h.load(gsm8k, 700);
            try (RunMonitor monitor = h.monitor(problems)) {
                h.produce(problems);
                assertThat(PipelineHarness.awaitFinished(monitor, 700, Duration.ofSeconds(180))).isTrue();
                List<Score> student = monitor.scores().values().stream().filter(x -> x.getArm().equals("student")).toList();
                long failed = student.stream().filter(Score::getFailed).count();
                assertThat(failed).as("about 30%% of the student's problems failed").isBetween(
                        (long) (0.2 * student.size()), (long) (0.4 * student.size()));
                assertThat(student).filteredOn(Score::getFailed)
                        .allSatisfy(x -> assertThat(x.getFailureKind()).isEqualTo("unusable-decomposition"));
                assertThat(monitor.deadLetters().keySet()).as("the dlq still has every failure for replay")
                        .containsAll(student.stream().filter(Score::getFailed).map(Score::getProblemId).toList());
                await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                    monitor.poll(Duration.ofMillis(200));
                    assertThat(monitor.experiment().flatMap(r -> r.getComparisons().stream()
                            .filter(c -> c.getMetric().equals("accuracy")).findFirst()).map(c -> c.getVerdict()))
                            .as("the student's accuracy verdict").contains("WORSE");
                });
                ExperimentResult result = monitor.experiment().orElseThrow();
                assertThat(result.getArms()).filteredOn(a -> a.getArm().equals("student")).singleElement()
                        .satisfies(a -> assertThat(a.getStats().getFailed()).isEqualTo(failed));
            }
        }
    }

    private static double share(RunMonitor monitor, List<Problem> problems, String arm) {
        var ids = problems.stream().map(Problem::getId).collect(Collectors.toSet());
        List<Score> scores = monitor.scores().values().stream().filter(s -> ids.contains(s.getProblemId())).toList();
        return scores.stream().filter(s -> s.getArm().equals(arm)).count() / (double) scores.size();
    }

    /** Waits until the decomposer assigns with these weights (its gauges), not until the scorer reports them. */
    private static void awaitDecomposerWeights(MeterRegistry meters, Map<String, Double> expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> expected.forEach((arm, weight) ->
                assertThat(meters.get("divconq.decomposer.weight").tag("arm", arm).gauge().value())
                        .as("the decomposer's weight of %s", arm).isEqualTo(weight)));
    }

    /** The harness's experiment as a config file, for the command line. */
    private static String writeArms(PipelineHarness h) throws Exception {
        var file = h.stateDir.resolve("experiment.yaml");
        java.nio.file.Files.writeString(file, """
                experiment:
                  arms:
                    - {name: teacher, weight: 90, model: sim-teacher}
                    - {name: student, weight: 10, model: sim-student}
                """);
        return file.toString();
    }
}
