package io.divconq.decomposer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.SolverMode;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.FakeChatModel;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecomposerTopologyTest {

    private final TopicCatalog topics = TestTopics.fresh("t.");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Problem> problems;
    private TestOutputTopic<String, Decomposition> decompositions;
    private TestOutputTopic<String, DeadLetter> dlq;

    private ExperimentWeights weights;
    private io.micrometer.core.instrument.MeterRegistry meters;

    private void start(DivconqConfig config, FakeChatModel model) {
        weights = new ExperimentWeights(config.experiment());
        Properties p = TestTopics.driverConfig("decomposer-test");
        meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        driver = new TopologyTestDriver(DecomposerTopology.build(StageSettings.of(topics).withMeters(meters),
                new DecomposeStage(config, weights, model)), p);
        problems = TestTopics.input(driver, topics.problems());
        decompositions = TestTopics.output(driver, topics.decompositions());
        dlq = TestTopics.output(driver, topics.deadLetters());
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    @Test
    void decomposesEachProblemWithItsArmsModel() {
        FakeChatModel model = new FakeChatModel(r -> "1. How many eggs are sold?\n2. How much is that in dollars?");
        var config = ConfigLoader.defaults().build();
        start(config, model);
        long before = System.currentTimeMillis();
        ArmAssigner assigner = new ArmAssigner(config.experiment());
        java.util.Map<String, String> expected = new java.util.TreeMap<>();
        for (int i = 0; i < 20; i++) {
            String arm = assigner.assign(TestProblems.eggs("p" + i)).name();
            expected.put("p" + i, arm + " " + (arm.equals("teacher") ? "sim-teacher" : "sim-student"));
        }
        for (int i = 0; i < 20; i++) problems.pipeInput("p" + i, TestProblems.eggs("p" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        var out = decompositions.readKeyValuesToMap();
        assertThat(out).hasSize(20);
        Decomposition d = out.get("p3");
        assertThat(d.getProblemId()).isEqualTo("p3");
        assertThat(new java.util.TreeMap<>(out)).extractingFromEntries(e -> e.getKey() + " " + e.getValue().getArm() + " " + e.getValue().getModel())
                .containsExactlyElementsOf(expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        assertThat(d.getSubquestions()).containsExactly("How many eggs are sold?", "How much is that in dollars?");
        assertThat(d.getUsage().getPromptTokens()).isEqualTo(100);
        assertThat(d.getProblem().getGoldAnswers()).containsExactly("18");
        assertThat(d.getExperiment()).isEqualTo("teacher-vs-student");
        assertThat(out.values()).extracting(Decomposition::getArm).contains("teacher", "student");
        assertThat(model.requests()).allMatch(r -> FakeChatModel.userText(r).contains("Question: Janet has 16 eggs"));
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(out.values()).as("taken when assigned, before the reply").allSatisfy(x -> assertThat(x.getTakenAtMs())
                .isBetween(before, x.getDecomposedAtMs()));
    }

    @Test
    void weightChangesOnTheControlTopicRouteNewProblemsWithoutARestart() {
        FakeChatModel model = new FakeChatModel(r -> "1. A?");
        start(ConfigLoader.defaults().build(), model);
        for (int i = 0; i < 200; i++) problems.pipeInput("a" + i, TestProblems.eggs("a" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(decompositions.readValuesToList()).extracting(Decomposition::getArm).contains("teacher", "student");

        var control = TestTopics.input(driver, topics.experimentControl());
        control.pipeInput("teacher-vs-student", io.divconq.avro.ExperimentControl.newBuilder().setExperiment("teacher-vs-student")
                .setWeights(java.util.Map.of("student", 0.0)).setReason("pause the student").setSource("user").setAtMs(1).build());
        for (int i = 0; i < 200; i++) problems.pipeInput("b" + i, TestProblems.eggs("b" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        var after = decompositions.readValuesToList();
        assertThat(after).extracting(Decomposition::getArm).containsOnly("teacher");
        assertThat(after).extracting(Decomposition::getWeightVersion).containsOnly(1L);
        org.apache.kafka.streams.state.KeyValueStore<String, Long> versions = driver.getKeyValueStore(DecomposerTopology.WEIGHTS_STORE);
        assertThat(versions.get("teacher-vs-student")).isEqualTo(1L);
        assertThat(meters.get("divconq.decomposer.weight").tag("arm", "student").gauge().value()).as("what it assigns with").isZero();
        assertThat(meters.get("divconq.decomposer.weight").tag("arm", "teacher").gauge().value()).isEqualTo(50.0);
        assertThat(meters.get("divconq.decomposer.weights.version").tag("experiment", "teacher-vs-student").gauge().value())
                .isEqualTo(1.0);

        // A change that would leave no traffic at all is rejected (the same function the scorer uses), and an
        // undecodable record on the control topic is skipped.
        control.pipeInput("teacher-vs-student", io.divconq.avro.ExperimentControl.newBuilder().setExperiment("teacher-vs-student")
                .setWeights(java.util.Map.of("teacher", 0.0)).setReason("oops").setSource("user").setAtMs(2).build());
        driver.createInputTopic(topics.experimentControl().name(), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput("x", new byte[] {1, 2, 3});
        assertThat(weights.assigner().weights()).containsEntry("teacher", 50.0);
        assertThat(versions.get("teacher-vs-student")).isEqualTo(1L);
    }

    @Test
    void shadowModeAlsoDecomposesSampledTreatmentProblemsWithTheControlsModel() {
        FakeChatModel model = new FakeChatModel(r -> "1. From " + r.model() + "?");
        start(ConfigLoader.defaults().mergeYaml("experiment: {shadow: {rate: 0.5}}").build(), model);
        for (int i = 0; i < 200; i++) problems.pipeInput("p" + i, TestProblems.eggs("p" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        var all = decompositions.readValuesToList();
        var shadows = all.stream().filter(Decomposition::getShadow).toList();
        var primaries = all.stream().filter(d -> !d.getShadow()).toList();
        assertThat(primaries).hasSize(200);
        long students = primaries.stream().filter(d -> d.getArm().equals("student")).count();
        assertThat((double) shadows.size()).isBetween(students * 0.3, students * 0.7);
        assertThat(shadows).allSatisfy(d -> {
            assertThat(d.getArm()).isEqualTo("student");
            assertThat(d.getModel()).isEqualTo("sim-teacher");
            assertThat(d.getSubquestions()).containsExactly("From sim-teacher?");
        });
        java.util.Map<String, Long> primaryTaken = new java.util.HashMap<>();
        primaries.forEach(d -> primaryTaken.put(d.getProblemId(), d.getTakenAtMs()));
        assertThat(shadows).as("a shadow starts when its problem was taken").allSatisfy(d ->
                assertThat(d.getTakenAtMs()).isEqualTo(primaryTaken.get(d.getProblemId())));
    }

    @Test
    void directArmsSkipTheDecomposerCall() {
        FakeChatModel model = new FakeChatModel(r -> "1. Unused?");
        start(ConfigLoader.defaults().mergeYaml("""
                experiment: {name: d, control: direct, arms: [{name: direct, weight: 1, solverMode: direct}]}
                """).build(), model);
        problems.pipeInput("p1", TestProblems.eggs("p1"));
        Decomposition d = decompositions.readValue();
        assertThat(d.getSolverMode()).isEqualTo(SolverMode.DIRECT);
        assertThat(d.getNoDecomposition()).isTrue();
        assertThat(d.getCalls()).isZero();
        assertThat(model.requests()).isEmpty();
        assertThat(d.getTakenAtMs()).isPositive().isLessThanOrEqualTo(d.getDecomposedAtMs());
    }

    @Test
    void unusableReplyAndEmptyQuestionAreDeadLetteredAndTheStreamGoesOn() {
        FakeChatModel model = new FakeChatModel(r -> FakeChatModel.userText(r).contains("refuse") ? "I cannot help." : "1. Fine?");
        start(ConfigLoader.defaults().build(), model);
        problems.pipeInput("bad", TestProblems.gsm8k("bad", "please refuse this", "1"));
        problems.pipeInput("empty", TestProblems.gsm8k("empty", "", "1"));
        problems.pipeInput("good", TestProblems.eggs("good"));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        var dead = dlq.readKeyValuesToMap();
        assertThat(dead.get("bad").getErrorType()).isEqualTo("unparseable-reply");
        assertThat(dead.get("bad").getArm()).isNotNull();
        assertThat(dead.get("empty").getErrorType()).isEqualTo("missing-field");
        assertThat(decompositions.readKeyValuesToMap()).containsOnlyKeys("good");
    }
}
