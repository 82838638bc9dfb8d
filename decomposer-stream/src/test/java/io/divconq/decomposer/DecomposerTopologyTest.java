package io.divconq.decomposer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.SolverMode;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.serde.DivconqSerdes;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.FakeChatModel;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestSerdes;
import io.divconq.common.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecomposerTopologyTest {

    private final Topics topics = new Topics("t.");
    private final DivconqSerdes serdes = TestSerdes.fresh();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Problem> problems;
    private TestOutputTopic<String, Decomposition> decompositions;
    private TestOutputTopic<String, DeadLetter> dlq;

    private void start(DivconqConfig config, FakeChatModel model) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "decomposer-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DecomposerTopology.build(StageSettings.of(topics, serdes), new DecomposeStage(config, model)), p);
        problems = driver.createInputTopic(topics.problems(), new StringSerializer(), serdes.problem().serializer());
        decompositions = driver.createOutputTopic(topics.decompositions(), new StringDeserializer(), serdes.decomposition().deserializer());
        dlq = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), serdes.deadLetter().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    @Test
    void decomposesEachProblemWithItsArmsModel() {
        FakeChatModel model = new FakeChatModel(r -> "1. How many eggs are sold?\n2. How much is that in dollars?");
        start(ConfigLoader.defaults().build(), model);
        for (int i = 0; i < 20; i++) problems.pipeInput("p" + i, TestProblems.eggs("p" + i));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        var out = decompositions.readKeyValuesToMap();
        assertThat(out).hasSize(20);
        Decomposition d = out.get("p3");
        assertThat(d.getProblemId()).isEqualTo("p3");
        assertThat(d.getArm()).isIn("teacher", "student");
        assertThat(d.getModel()).isEqualTo(d.getArm().equals("teacher") ? "sim-teacher" : "sim-student");
        assertThat(d.getSubquestions()).containsExactly("How many eggs are sold?", "How much is that in dollars?");
        assertThat(d.getUsage().getPromptTokens()).isEqualTo(100);
        assertThat(d.getProblem().getGoldAnswers()).containsExactly("18");
        assertThat(d.getExperiment()).isEqualTo("teacher-vs-student");
        assertThat(out.values()).extracting(Decomposition::getArm).contains("teacher", "student");
        assertThat(model.requests()).allMatch(r -> FakeChatModel.userText(r).contains("Question: Janet has 16 eggs"));
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
