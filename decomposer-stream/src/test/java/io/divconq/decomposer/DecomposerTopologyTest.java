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

    private void start(DivconqConfig config, io.divconq.common.model.ModelRouter model) {
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
    void shadowModeDecomposesASampleOfEachArmOnTheProblemIdWithTheControlsModel() {
        FakeChatModel model = new FakeChatModel(r -> "1. From " + r.model() + "?");
        var config = ConfigLoader.defaults().mergeYaml("experiment: {shadow: {rate: 0.5, baselineRate: 0.3}}").build();
        start(config, model);
        ArmAssigner assigner = new ArmAssigner(config.experiment());
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "p" + i;
            String arm = assigner.assign(TestProblems.eggs(id)).name();
            boolean sampled = assigner.sampled("shadow", id, arm.equals("teacher") ? 0.3 : 0.5);
            expected.add(id + " " + arm + " own sim-" + arm + (sampled ? " sampled" : ""));
            if (sampled) expected.add(id + " " + arm + " shadow sim-teacher");
        }
        for (int i = 0; i < 200; i++) problems.pipeInput("p" + i, TestProblems.eggs("p" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        var all = decompositions.readValuesToList();
        assertThat(all).extracting(DecomposerTopologyTest::describe).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all).filteredOn(Decomposition::getShadow)
                .allSatisfy(d -> assertThat(d.getSubquestions()).containsExactly("From sim-teacher?"));
        long students = all.stream().filter(d -> !d.getShadow() && d.getArm().equals("student")).count();
        long studentShadows = all.stream().filter(d -> d.getShadow() && d.getArm().equals("student")).count();
        assertThat((double) studentShadows).isBetween(students * 0.35, students * 0.65);
        assertThat(all).filteredOn(d -> d.getShadow() && d.getArm().equals("teacher")).as("control-vs-control baseline").isNotEmpty();
        java.util.Map<String, Long> primaryTaken = new java.util.HashMap<>();
        all.stream().filter(d -> !d.getShadow()).forEach(d -> primaryTaken.put(d.getProblemId(), d.getTakenAtMs()));
        assertThat(all).filteredOn(Decomposition::getShadow).as("a shadow starts when its problem was taken").allSatisfy(d ->
                assertThat(d.getTakenAtMs()).isEqualTo(primaryTaken.get(d.getProblemId())));
        assertThat(dlq.isEmpty()).isTrue();
    }

    private static String describe(Decomposition d) {
        return d.getProblemId() + " " + d.getArm() + (d.getShadow() ? " shadow " : " own ") + d.getModel()
                + (d.getShadowSampled() ? " sampled" : "") + (d.getShadowSkipped() ? " skipped" : "");
    }

    /** Teacher (control) calls go to a model that holds its replies, on one permit; student calls answer at once. */
    private static io.divconq.common.model.ModelRouter split(FakeChatModel teacher, FakeChatModel student) {
        return (endpoint, modelName) -> modelName.equals("sim-teacher") ? teacher.route(endpoint, modelName) : student.route(endpoint, modelName);
    }

    @Test
    void theArmsOwnDecompositionNeverWaitsForItsShadowAndAFullShadowQueueCountsSkips() {
        FakeChatModel teacher = new FakeChatModel(r -> "1. Teacher?", 1).holdReplies();
        FakeChatModel student = new FakeChatModel(r -> "1. Student?");
        var config = ConfigLoader.defaults().mergeYaml("""
                experiment:
                  arms:
                    - {name: teacher, weight: 0, model: sim-teacher}
                    - {name: student, weight: 1, model: sim-student}
                  shadow: {rate: 1.0, queueCapacity: 2}
                """).build();
        start(config, split(teacher, student));

        for (int i = 0; i < 5; i++) problems.pipeInput("p" + i, TestProblems.eggs("p" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        // p0's shadow holds the control's only permit, p1 and p2 wait in the shadow queue, p3 and p4 find it full.
        assertThat(decompositions.readValuesToList()).extracting(DecomposerTopologyTest::describe).containsExactly(
                "p0 student own sim-student sampled", "p1 student own sim-student sampled", "p2 student own sim-student sampled",
                "p3 student own sim-student sampled skipped", "p4 student own sim-student sampled skipped");
        assertThat(sideCounts(meters)).containsExactly(java.util.Map.entry("queued", 3.0), java.util.Map.entry("skipped", 2.0));

        teacher.releaseAll();
        for (int i = 0; i < 3; i++) driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(decompositions.readValuesToList()).extracting(DecomposerTopologyTest::describe).containsExactlyInAnyOrder(
                "p0 student shadow sim-teacher", "p1 student shadow sim-teacher", "p2 student shadow sim-teacher");
        assertThat(sideCounts(meters)).containsExactly(java.util.Map.entry("emitted", 3.0), java.util.Map.entry("queued", 3.0),
                java.util.Map.entry("skipped", 2.0));
        assertThat(meters.find("divconq.async.side").counters()).allSatisfy(c -> {
            assertThat(c.getId().getTag("stage")).isEqualTo("decompose");
            assertThat(c.getId().getTag("arm")).isEqualTo("student");
        });
        assertThat(dlq.isEmpty()).isTrue();
    }

    private static java.util.Map<String, Double> sideCounts(io.micrometer.core.instrument.MeterRegistry meters) {
        return new java.util.TreeMap<>(meters.find("divconq.async.side").counters().stream().collect(java.util.stream.Collectors.toMap(
                c -> c.getId().getTag("outcome"), io.micrometer.core.instrument.Counter::count)));
    }

    @Test
    void aFailedShadowDecompositionIsDeadLetteredAsShadowNeverAsTheArmsOwn() {
        FakeChatModel model = new FakeChatModel(r -> r.model().equals("sim-teacher") ? "I would rather not." : "1. Student?");
        start(ConfigLoader.defaults().mergeYaml("""
                experiment:
                  arms:
                    - {name: teacher, weight: 0, model: sim-teacher}
                    - {name: student, weight: 1, model: sim-student}
                  shadow: {rate: 1.0}
                """).build(), model);
        problems.pipeInput("p1", TestProblems.eggs("p1"));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(decompositions.readValuesToList()).extracting(DecomposerTopologyTest::describe)
                .containsExactly("p1 student own sim-student sampled");
        DeadLetter d = dlq.readValue();
        assertThat(java.util.List.of(d.getProblemId(), d.getArm(), d.getStage(), d.getErrorType(), d.getShadow(), d.getModel()))
                .containsExactly("p1", "student", "decompose", "unparseable-reply", true, "sim-teacher");
        assertThat(io.divconq.common.dlq.DeadLetters.replayable(d)).as("its original is the problem, whose own run is done").isFalse();
        assertThat(dlq.isEmpty()).isTrue();
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
