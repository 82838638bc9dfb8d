package io.divconq.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.FakeChatModel;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SolverTopologyTest {

    private final TopicCatalog topics = TestTopics.fresh("");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Decomposition> in;
    private TestOutputTopic<String, Solution> out;
    private TestOutputTopic<String, DeadLetter> dlq;
    private FakeChatModel model;

    /** Answers subquestion prompts with "It is N." and final prompts with "The answer is: 18". */
    private void start() {
        model = new FakeChatModel(r -> {
            String user = FakeChatModel.userText(r);
            if (user.contains("unanswerable")) return "I do not know";
            if (user.contains("Subquestion: ")) return "It is " + user.length() % 10 + ".";
            return "Working...\nThe answer is: 18";
        });
        Properties p = TestTopics.driverConfig("solver-test");
        driver = new TopologyTestDriver(SolverTopology.build(StageSettings.of(topics),
                new SolveStage(ConfigLoader.defaults().build(), model)), p);
        in = TestTopics.input(driver, topics.decompositions());
        out = TestTopics.output(driver, topics.solutions());
        dlq = TestTopics.output(driver, topics.deadLetters());
    }

    private static Decomposition decomposition(String id, SolverMode mode, List<String> subquestions, String question) {
        return Decomposition.newBuilder().setProblemId(id).setArm("teacher").setExperiment("e").setSolverMode(mode)
                .setSubquestions(subquestions).setNoDecomposition(subquestions.isEmpty()).setModel("sim-teacher")
                .setUsage(new TokenUsage(50L, 10L)).setCalls(1).setLatencyMs(7).setDecomposedAtMs(1)
                .setProblem(TestProblems.gsm8k(id, question, "18")).build();
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    @Test
    void staticModeMakesOneCallWithEverySubquestion() {
        start();
        in.pipeInput("p1", decomposition("p1", SolverMode.STATIC, List.of("A?", "B?"), "How much?"));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        Solution s = out.readValue();
        assertThat(s.getFinalAnswer()).isEqualTo("18");
        assertThat(s.getCalls()).isEqualTo(1);
        assertThat(s.getModel()).isEqualTo("sim-solver");
        assertThat(s.getUsage().getPromptTokens()).isEqualTo(100);
        assertThat(s.getDecomposition().getUsage().getPromptTokens()).isEqualTo(50);
        assertThat(model.requests()).hasSize(1);
        assertThat(FakeChatModel.userText(model.requests().get(0))).contains("Subquestions:\n1. A?\n2. B?");
    }

    @Test
    void sequentialModeChainsOneCallPerSubquestionThenTheQuestion() {
        start();
        in.pipeInput("p1", decomposition("p1", SolverMode.SEQUENTIAL, List.of("A?", "B?"), "How much?"));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        Solution s = out.readValue();
        assertThat(s.getCalls()).isEqualTo(3);
        assertThat(s.getSubanswers()).hasSize(2);
        assertThat(s.getUsage().getPromptTokens()).isEqualTo(300);
        assertThat(s.getFinalAnswer()).isEqualTo("18");
        List<String> prompts = model.requests().stream().map(FakeChatModel::userText).toList();
        assertThat(prompts.get(0)).endsWith("Subquestion: A?").contains("(none)");
        assertThat(prompts.get(1)).endsWith("Subquestion: B?").contains("Q1: A?\nA1: " + s.getSubanswers().get(0));
        assertThat(prompts.get(2)).contains("Subquestions and answers:");
    }

    @Test
    void directModeAndNoDecompositionSolveInOneCallWithoutSubquestions() {
        start();
        in.pipeInput("p1", decomposition("p1", SolverMode.DIRECT, List.of(), "How much?"));
        in.pipeInput("p2", decomposition("p2", SolverMode.STATIC, List.of(), "How much?"));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(out.readValuesToList()).hasSize(2).allMatch(s -> s.getCalls() == 1);
        assertThat(model.requests()).allMatch(r -> !FakeChatModel.userText(r).contains("Subquestions"));
    }

    @Test
    void replyWithoutAnAnswerIsDeadLettered() {
        start();
        in.pipeInput("p1", decomposition("p1", SolverMode.STATIC, List.of("A?"), "unanswerable question"));
        in.pipeInput("p2", decomposition("p2", SolverMode.STATIC, List.of("A?"), "How much?"));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        DeadLetter d = dlq.readValue();
        assertThat(d.getProblemId()).isEqualTo("p1");
        assertThat(d.getErrorType()).isEqualTo("unparseable-reply");
        assertThat(d.getReason()).contains("I do not know");
        assertThat(out.readValue().getProblemId()).isEqualTo("p2");
    }

    @Test
    void aFailedShadowSolveIsDeadLetteredFlaggedAsShadowUnderItsArm() {
        start();
        Decomposition shadow = Decomposition.newBuilder(decomposition("p1", SolverMode.STATIC, List.of("A?"), "unanswerable question"))
                .setArm("student").setShadow(true).build();
        in.pipeInput("p1", shadow);
        in.pipeInput("p2", decomposition("p2", SolverMode.STATIC, List.of("A?"), "unanswerable question"));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(dlq.readValuesToList()).extracting(d -> d.getProblemId() + " " + d.getArm() + " shadow=" + d.getShadow()
                        + " replayable=" + io.divconq.common.dlq.DeadLetters.replayable(d))
                .containsExactlyInAnyOrder("p1 student shadow=true replayable=true", "p2 teacher shadow=false replayable=true");
    }
}
