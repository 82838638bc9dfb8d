package io.divconq.distill.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillOutcome;
import io.divconq.avro.Feedback;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.distill.export.DropReason;
import io.divconq.distill.export.ExportMode;
import io.divconq.distill.export.ExportRequest;
import io.divconq.distill.export.Selection;
import io.divconq.distill.testing.Drivers;
import io.divconq.scorer.ScoreCalculator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DistillTopologyTest {

    private final TopicCatalog topics = TestTopics.fresh();
    private final DivconqConfig config = ConfigLoader.defaults().build();
    private final ScoreCalculator calculator = new ScoreCalculator(config.prices(), () -> 5_000L);
    private TopologyTestDriver driver;
    private TestInputTopic<String, Solution> solutions;
    private TestInputTopic<String, Score> scores;
    private TestInputTopic<String, Feedback> feedback;
    private TestInputTopic<String, DeadLetter> dlq;
    private TestOutputTopic<String, DistillExample> examples;

    @BeforeEach
    void start() {
        driver = Drivers.distill(topics, config.experiment());
        solutions = TestTopics.input(driver, topics.solutions());
        scores = TestTopics.input(driver, topics.scores());
        feedback = TestTopics.input(driver, topics.feedback());
        dlq = TestTopics.input(driver, topics.deadLetters());
        examples = TestTopics.output(driver, topics.distillExamples());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aScoredSolutionBecomesAnExampleWithTheDecompositionAndItsOutcome() {
        Solution s = solution("p1", "teacher", "sim-teacher", "$18", true);
        solutions.pipeInput("p1", s, 3_000);
        scores.pipeInput("p1", calculator.score(s), 5_000);

        Map<String, DistillExample> latest = examples.readKeyValuesToMap();
        DistillExample e = latest.get("p1/teacher");
        assertThat(latest).containsOnlyKeys("p1/teacher");
        assertThat(e).isEqualTo(DistillExample.newBuilder().setProblemId("p1").setExperiment("teacher-vs-student")
                .setArm("teacher").setDecomposerArm("teacher").setShadow(false).setDataset("gsm8k").setSplit("train")
                .setQuestion(TestProblems.eggs("p1").getQuestion()).setPassage(null).setDecomposeModel("sim-teacher")
                .setPromptVariant("default").setSubquestions(List.of("How many eggs are left?", "What do they sell for?"))
                .setNoDecomposition(false).setUsable(true).setFinalAnswer("$18").setOutcome(DistillOutcome.CORRECT)
                .setLabelSource("gold").setFailure(null).setSolveModel("sim-solver").setDecomposedAtMs(2_000)
                .setUpdatedAtMs(5_000).setSimulated(true).build());
    }

    @Test
    void theSplitIsTheProblemsFieldElseTheAttributeOfProblemsSentBeforeTheFieldAndExportRefusesEvaluationSplits() {
        Solution fromTest = solution("p7", "teacher", "sim-teacher", "18", true);
        fromTest.getDecomposition().getProblem().setSplit("test");
        fromTest.getDecomposition().getProblem().setAttributes(Map.of("split", "train"));
        Solution older = solution("p8", "teacher", "sim-teacher", "18", true);
        older.getDecomposition().getProblem().setSplit(null);
        older.getDecomposition().getProblem().setAttributes(Map.of("split", "train"));
        Solution unknown = solution("p9", "teacher", "sim-teacher", "18", true);
        unknown.getDecomposition().getProblem().setSplit(null);
        for (Solution s : List.of(fromTest, older, unknown)) solutions.pipeInput(s.getProblemId(), s, 3_000);

        Map<String, DistillExample> latest = examples.readKeyValuesToMap();
        assertThat(latest.get("p7/teacher").getSplit()).isEqualTo("test");
        assertThat(latest.get("p8/teacher").getSplit()).isEqualTo("train");
        assertThat(latest.get("p9/teacher").getSplit()).isNull();
        Selection sdt = Selection.of(ExportMode.SDT, List.of(latest.get("p7/teacher")), ExportRequest.of(Set.of(ExportMode.SDT), "teacher"));
        assertThat(sdt.kept()).isEmpty();
        assertThat(sdt.dropped()).containsOnly(Map.entry(DropReason.EVAL_SPLIT, 1));
    }

    @Test
    void aLateFeedbackLabelTurnsAnUnlabelledExampleIntoAnSdrOne() {
        Solution s = solution("p1", "teacher", "sim-teacher", "18", false);
        solutions.pipeInput("p1", s, 3_000);
        scores.pipeInput("p1", calculator.score(s), 5_000);
        assertThat(examples.readKeyValuesToMap().get("p1/teacher").getOutcome()).isEqualTo(DistillOutcome.UNLABELLED);
        ExportRequest sdr = ExportRequest.of(Set.of(ExportMode.SDR), "teacher");

        feedback.pipeInput("p1", Feedback.newBuilder().setProblemId("p1").setTrueAnswer("$18.00").setAtMs(9_000).build(), 9_000);

        DistillExample labelled = examples.readKeyValuesToMap().get("p1/teacher");
        assertThat(labelled.getOutcome()).isEqualTo(DistillOutcome.CORRECT);
        assertThat(labelled.getLabelSource()).isEqualTo("feedback");
        assertThat(labelled.getUpdatedAtMs()).isEqualTo(9_000);
        assertThat(Selection.of(ExportMode.SDR, List.of(labelled), sdr).kept()).containsExactly(labelled);
    }

    @Test
    void aVerdictLabelsThePrimaryAnswerAndAFeedbackBeforeTheSolutionStillCounts() {
        feedback.pipeInput("p2", Feedback.newBuilder().setProblemId("p2").setCorrect(false).setAtMs(1_000).build(), 1_000);
        Solution s = solution("p2", "student", "sim-student", "7", false);
        solutions.pipeInput("p2", s, 3_000);
        Solution shadow = Solution.newBuilder(s).setDecomposition(Decomposition.newBuilder(s.getDecomposition()).setShadow(true)
                .setModel("sim-teacher").build()).build();
        solutions.pipeInput("p2", shadow, 3_100);

        Map<String, DistillExample> latest = examples.readKeyValuesToMap();
        assertThat(latest.get("p2/student").getOutcome()).isEqualTo(DistillOutcome.INCORRECT);
        assertThat(latest.get("p2/student").getLabelSource()).isEqualTo("feedback");
        DistillExample shadowExample = latest.get("p2/student/shadow");
        assertThat(shadowExample.getOutcome()).as("a bare verdict is about the pipeline's answer, not the shadow's")
                .isEqualTo(DistillOutcome.UNLABELLED);
        assertThat(shadowExample.getDecomposerArm()).as("the control's decomposer wrote the shadow run").isEqualTo("teacher");
    }

    @Test
    void aScoreBeforeItsSolutionIsKeptUntilTheSolutionComes() {
        Solution s = solution("p3", "teacher", "sim-teacher", "20", true);
        scores.pipeInput("p3", calculator.score(s), 2_500);
        assertThat(examples.isEmpty()).isTrue();
        solutions.pipeInput("p3", s, 3_000);
        DistillExample e = examples.readKeyValuesToMap().get("p3/teacher");
        assertThat(e.getOutcome()).isEqualTo(DistillOutcome.INCORRECT);
        assertThat(e.getLabelSource()).isEqualTo("gold");
    }

    @Test
    void deadLettersBecomeFailedExamplesAndAnUnparsableReplyLeavesNothingToLearn() {
        Solution s = solution("p4", "teacher", "sim-teacher", "18", true);
        dlq.pipeInput("p4", deadLetter("solve", "model-call-failed", "p4", "teacher",
                topics.decompositions().encode(s.getDecomposition())), 4_000);
        dlq.pipeInput("p5", deadLetter("decompose", "unparseable-reply", "p5", "teacher",
                topics.problems().encode(TestProblems.eggs("p5"))), 4_100);
        dlq.pipeInput(null, deadLetter("decompose", "deserialization", null, null, new byte[] {1, 2}), 4_200);

        Map<String, DistillExample> latest = examples.readKeyValuesToMap();
        assertThat(latest).containsOnlyKeys("p4/teacher", "p5/teacher");
        assertThat(latest.get("p4/teacher").getOutcome()).isEqualTo(DistillOutcome.FAILED);
        assertThat(latest.get("p4/teacher").getUsable()).isTrue();
        assertThat(latest.get("p4/teacher").getFailure()).isEqualTo("model-call-failed");
        assertThat(latest.get("p5/teacher").getUsable()).isFalse();
        assertThat(latest.get("p5/teacher").getFailure()).isEqualTo("unparseable-reply");
        assertThat(latest.get("p5/teacher").getDecomposeModel()).isEqualTo("sim-teacher");
    }

    @Test
    void aRecordThatDoesNotDecodeIsSkippedAndTheStreamGoesOn() {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.solutions().name(), new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput("x", "not avro".getBytes(StandardCharsets.UTF_8));
        Solution s = solution("p6", "teacher", "sim-teacher", "18", true);
        solutions.pipeInput("p6", s, 3_000);
        assertThat(examples.readKeyValuesToMap()).containsOnlyKeys("p6/teacher");
    }

    private static Solution solution(String id, String arm, String decomposer, String answer, boolean gold) {
        Problem problem = TestProblems.eggs(id);
        problem.setSplit("train");
        if (!gold) problem.setGoldAnswers(List.of());
        Decomposition d = Decomposition.newBuilder().setProblemId(id).setArm(arm).setExperiment("teacher-vs-student")
                .setSolverMode(SolverMode.STATIC).setSubquestions(List.of("How many eggs are left?", "What do they sell for?"))
                .setModel(decomposer).setUsage(new TokenUsage(1000L, 500L)).setCalls(1).setLatencyMs(100)
                .setDecomposedAtMs(2_000).setSimulated(true).setProblem(problem).build();
        return Solution.newBuilder().setProblemId(id).setArm(arm).setExperiment("teacher-vs-student").setFinalAnswer(answer)
                .setRawReply("The answer is: " + answer).setModel("sim-solver").setUsage(new TokenUsage(2000L, 1000L))
                .setCalls(1).setLatencyMs(300).setSolvedAtMs(3_000).setSimulated(true).setDecomposition(d).build();
    }

    private static DeadLetter deadLetter(String stage, String type, String problemId, String arm, byte[] original) {
        return DeadLetter.newBuilder().setStage(stage).setErrorType(type).setReason("test").setSourceTopic("in")
                .setSourcePartition(0).setSourceOffset(0).setProblemId(problemId).setArm(arm).setAttempts(1)
                .setOriginalValue(ByteBuffer.wrap(original)).setFailedAtMs(4_000).build();
    }
}
