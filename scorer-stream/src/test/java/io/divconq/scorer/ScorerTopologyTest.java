package io.divconq.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.PriceTable;
import io.divconq.common.serde.DivconqSerdes;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestSerdes;
import io.divconq.common.topics.Topics;
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

    private final Topics topics = new Topics("");
    private final DivconqSerdes serdes = TestSerdes.fresh();
    private final PriceTable prices = ConfigLoader.defaults().build().prices();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Solution> solutions;
    private TestInputTopic<String, DeadLetter> deadLettersIn;
    private TestOutputTopic<String, Score> scores;
    private TestOutputTopic<String, ArmStats> armStats;
    private TestOutputTopic<String, DeadLetter> dlq;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(ScorerTopology.build(StageSettings.of(topics, serdes),
                new ScoreCalculator(prices, () -> 5_000L)), p);
        solutions = driver.createInputTopic(topics.solutions(), new StringSerializer(), serdes.solution().serializer());
        deadLettersIn = driver.createInputTopic(topics.deadLetters(), new StringSerializer(), serdes.deadLetter().serializer());
        scores = driver.createOutputTopic(topics.scores(), new StringDeserializer(), serdes.score().deserializer());
        armStats = driver.createOutputTopic(topics.armStats(), new StringDeserializer(), serdes.armStats().deserializer());
        dlq = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), serdes.deadLetter().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static Solution solution(String id, String arm, String decomposer, String answer) {
        Decomposition d = Decomposition.newBuilder().setProblemId(id).setArm(arm).setExperiment("e")
                .setSolverMode(SolverMode.STATIC).setSubquestions(List.of("A?")).setModel(decomposer)
                .setUsage(new TokenUsage(1000L, 500L)).setCalls(1).setLatencyMs(100).setDecomposedAtMs(2_000)
                .setSimulated(true).setProblem(TestProblems.eggs(id)).build();
        return Solution.newBuilder().setProblemId(id).setArm(arm).setExperiment("e").setFinalAnswer(answer)
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
        assertThat(teacher.getLatencyP50Ms()).isBetween(4000L, 4400L);
        ArmStats student = stats.get("student");
        assertThat(student.getProblems()).isEqualTo(1);
        assertThat(student.getDeadLetters()).isEqualTo(1);
        assertThat(student.getCostUsdDecompose()).isLessThan(teacher.getCostUsdDecompose() / 2);
    }

    @Test
    void malformedSolutionIsDeadLetteredAndScoringGoesOn() {
        driver.createInputTopic(topics.solutions(), new ByteArraySerializer(), new ByteArraySerializer())
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
