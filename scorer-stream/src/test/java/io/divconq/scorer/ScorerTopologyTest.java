package io.divconq.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.Feedback;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.PriceTable;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScorerTopologyTest {

    private final TopicCatalog topics = TestTopics.fresh("");
    private final PriceTable prices = ConfigLoader.defaults().build().prices();
    private TopologyTestDriver driver;
    /** Own state directory: tests of other worktrees may run the same topology on this machine at the same time. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;
    private TestInputTopic<String, Solution> solutions;
    private TestInputTopic<String, DeadLetter> deadLettersIn;
    private TestOutputTopic<String, Score> scores;
    private TestOutputTopic<String, ArmStats> armStats;
    private TestOutputTopic<String, DeadLetter> dlq;
    private TestInputTopic<String, Feedback> feedback;
    private TestOutputTopic<String, ArmStats> windowed;
    private TestOutputTopic<String, ExperimentResult> results;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ScorerTopology.build(StageSettings.of(topics),
                new ScoreCalculator(prices, () -> 5_000L), ConfigLoader.defaults().build().experiment()), p);
        solutions = TestTopics.input(driver, topics.solutions());
        deadLettersIn = TestTopics.input(driver, topics.deadLetters());
        scores = TestTopics.output(driver, topics.scores());
        armStats = TestTopics.output(driver, topics.armStats());
        dlq = TestTopics.output(driver, topics.deadLetters());
        feedback = TestTopics.input(driver, topics.feedback());
        windowed = TestTopics.output(driver, topics.armStatsWindowed());
        results = TestTopics.output(driver, topics.experimentResults());
    }

    private static Solution withoutGold(Solution s) {
        s.getDecomposition().getProblem().setGoldAnswers(List.of());
        return s;
    }

    private static Solution shadowOf(Solution s, String answer) {
        Solution copy = Solution.newBuilder(s).setFinalAnswer(answer)
                .setDecomposition(Decomposition.newBuilder(s.getDecomposition()).setShadow(true).setModel("sim-teacher").build()).build();
        return copy;
    }

    @Test
    void lateLabelsFromTheFeedbackTopicCountTowardsAccuracy() {
        solutions.pipeInput("p1", withoutGold(solution("p1", "student", "sim-student", "18")));
        solutions.pipeInput("p2", withoutGold(solution("p2", "student", "sim-student", "7")));
        solutions.pipeInput("p3", withoutGold(solution("p3", "student", "sim-student", "9")));
        feedback.pipeInput("p1", Feedback.newBuilder().setProblemId("p1").setTrueAnswer("$18.00").setAtMs(1).build());
        feedback.pipeInput("p2", Feedback.newBuilder().setProblemId("p2").setCorrect(false).setLabeller("ana").setAtMs(1).build());
        feedback.pipeInput("nobody", Feedback.newBuilder().setProblemId("nobody").setCorrect(true).setAtMs(1).build());

        ArmStats student = armStats.readKeyValuesToMap().get("student");
        assertThat(student.getProblems()).isEqualTo(3);
        assertThat(student.getLabelled()).isEqualTo(2);
        assertThat(student.getLabelledByFeedback()).isEqualTo(2);
        assertThat(student.getCorrect()).isEqualTo(1);
    }

    @Test
    void shadowRunsAreComparedWithThePrimaryAnswerAndCostedApart() {
        Solution p1 = solution("p1", "student", "sim-student", "18");
        Solution p2 = solution("p2", "student", "sim-student", "18");
        solutions.pipeInput("p1", p1);
        solutions.pipeInput("p1", shadowOf(p1, "$18"));
        solutions.pipeInput("p2", p2);
        solutions.pipeInput("p2", shadowOf(p2, "20"));

        List<Score> all = scores.readValuesToList();
        assertThat(all).hasSize(4);
        assertThat(all).filteredOn(Score::getShadow).hasSize(2);
        ArmStats student = armStats.readKeyValuesToMap().get("student");
        assertThat(student.getProblems()).as("shadow runs are not the arm's problems").isEqualTo(2);
        assertThat(student.getShadowPairs()).isEqualTo(2);
        assertThat(student.getShadowAgreements()).isEqualTo(1);
        double shadowCost = all.stream().filter(Score::getShadow).mapToDouble(x -> x.getCostUsdDecompose() + x.getCostUsdSolve()).sum();
        assertThat(student.getShadowCostUsd()).isCloseTo(shadowCost, Offset.offset(1e-12));
    }

    @Test
    void tumblingWindowsAndTheJudgedExperimentArePublished() {
        solutions.pipeInput("p1", solution("p1", "teacher", "sim-teacher", "18"), java.time.Instant.ofEpochMilli(1_000));
        solutions.pipeInput("p2", solution("p2", "student", "sim-student", "18"), java.time.Instant.ofEpochMilli(2_000));

        Map<String, ArmStats> windows = windowed.readKeyValuesToMap();
        assertThat(windows).isNotEmpty();
        assertThat(windows.values()).allSatisfy(w -> {
            assertThat(w.getWindowStartMs()).isNotNull();
            assertThat(w.getWindowEndMs() - w.getWindowStartMs()).isEqualTo(60_000L);
        });
        assertThat(windows.keySet()).allMatch(k -> k.matches("(teacher|student)@\\d+"));

        ExperimentResult latest = results.readValuesToList().get(1);
        assertThat(latest.getExperiment()).isEqualTo("teacher-vs-student");
        assertThat(latest.getArms()).extracting(a -> a.getArm()).containsExactly("teacher", "student");
        assertThat(latest.getComparisons()).extracting(c -> c.getMetric()).containsExactly("accuracy", "cost_per_problem_usd");
        assertThat(latest.getComparisons()).allMatch(c -> c.getVerdict().equals("NO_DIFFERENCE_YET"));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static Solution solution(String id, String arm, String decomposer, String answer) {
        Decomposition d = Decomposition.newBuilder().setProblemId(id).setArm(arm).setExperiment("teacher-vs-student")
                .setSolverMode(SolverMode.STATIC).setSubquestions(List.of("A?")).setModel(decomposer)
                .setUsage(new TokenUsage(1000L, 500L)).setCalls(1).setLatencyMs(100).setDecomposedAtMs(2_000)
                .setSimulated(true).setProblem(TestProblems.eggs(id)).build();
        return Solution.newBuilder().setProblemId(id).setArm(arm).setExperiment("teacher-vs-student").setFinalAnswer(answer)
                .setRawReply("The answer is: " + answer).setModel("sim-solver").setUsage(new TokenUsage(2000L, 1000L))
                .setCalls(1).setLatencyMs(300).setSolvedAtMs(3_000).setSimulated(true).setDecomposition(d).build();
    }

    @Test
    void scoresCorrectnessCostAndLatencyPerProblem() {
        solutions.pipeInput("p1", solution("p1", "teacher", "sim-teacher", "$18"));
        Score s = scores.readValue();
        assertThat(s.getCorrect()).isTrue();
        assertThat(s.getMetricValue()).isEqualTo(1.0);
        assertThat(s.getCostUsdDecompose()).isCloseTo(1.0 * 0.001 + 0.5 * 0.002, Offset.offset(1e-12));
        assertThat(s.getCostUsdSolve()).isCloseTo(2.0 * 0.001 + 1.0 * 0.002, Offset.offset(1e-12));
        assertThat(s.getPriceTableVersion()).isEqualTo(prices.version());
        assertThat(s.getEndToEndLatencyMs()).isEqualTo(5_000L - 1_000L);
        assertThat(s.getModelLatencyMs()).isEqualTo(400L);
        assertThat(s.getSimulated()).isTrue();
    }

    @Test
    void armStatsEqualTheSumOfTheirScoresAndCountDeadLetters() {
        solutions.pipeInput("p1", solution("p1", "teacher", "sim-teacher", "18"));
        solutions.pipeInput("p2", solution("p2", "teacher", "sim-teacher", "17"));
        solutions.pipeInput("p3", solution("p3", "student", "sim-student", "18"));
        deadLettersIn.pipeInput("p4", DeadLetter.newBuilder().setStage("solve").setErrorType("model-call-failed")
                .setReason("HTTP 503").setSourceTopic("decompositions").setSourcePartition(0).setSourceOffset(4)
                .setProblemId("p4").setArm("student").setFailedAtMs(1).build());

        List<Score> all = scores.readValuesToList();
        Map<String, ArmStats> stats = armStats.readKeyValuesToMap();
        ArmStats teacher = stats.get("teacher");
        assertThat(teacher.getProblems()).isEqualTo(2);
        assertThat(teacher.getCorrect()).isEqualTo(1);
        assertThat(teacher.getLabelled()).isEqualTo(2);
        double teacherCost = all.stream().filter(x -> x.getArm().equals("teacher"))
                .mapToDouble(x -> x.getCostUsdDecompose() + x.getCostUsdSolve()).sum();
        assertThat(teacher.getCostUsdDecompose() + teacher.getCostUsdSolve()).isCloseTo(teacherCost, Offset.offset(1e-12));
        assertThat(teacher.getPromptTokens()).isEqualTo(2 * 3000);
        assertThat(teacher.getLatencyP50Ms()).isCloseTo(4000L, org.assertj.core.data.Percentage.withPercentage(1)); // a 2% bucket's middle
        ArmStats student = stats.get("student");
        assertThat(student.getProblems()).isEqualTo(1);
        assertThat(student.getDeadLetters()).isEqualTo(1);
        assertThat(student.getCostUsdDecompose()).isLessThan(teacher.getCostUsdDecompose() / 2);
    }

    @Test
    void malformedSolutionIsDeadLetteredAndScoringGoesOn() {
        driver.createInputTopic(topics.solutions().name(), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput("x".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 99, 1});
        solutions.pipeInput("p1", solution("p1", "teacher", "sim-teacher", "18"));
        DeadLetter d = dlq.readValue();
        assertThat(d.getStage()).isEqualTo("score");
        assertThat(d.getErrorType()).isEqualTo("deserialization");
        assertThat(scores.readValue().getProblemId()).isEqualTo("p1");
    }

    @Test
    void problemsWithoutGoldAreScoredButNotJudged() {
        Solution s = solution("p1", "teacher", "sim-teacher", "18");
        s.getDecomposition().getProblem().setGoldAnswers(List.of());
        solutions.pipeInput("p1", s);
        Score score = scores.readValue();
        assertThat(score.getCorrect()).isNull();
        assertThat(score.getMetricValue()).isNull();
        ArmStats a = armStats.readKeyValuesToMap().get("teacher");
        assertThat(a.getProblems()).isEqualTo(1);
        assertThat(a.getLabelled()).isZero();
    }
}
