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
import java.nio.ByteBuffer;
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
    /** The scorer's clock (scoredAtMs). */
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(5_000L);

    @BeforeEach
    void start() {
        start(ConfigLoader.defaults().build().experiment());
    }

    private void start(io.divconq.common.config.ExperimentConfig experiment) {
        if (driver != null) driver.close();
        Properties p = TestTopics.driverConfig("scorer-test");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ScorerTopology.build(StageSettings.of(topics),
                new ScoreCalculator(prices, now::get), experiment), p);
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
        assertThat(student.getLabelled()).as("gold labels, kept apart").isZero();
        assertThat(student.getFeedbackLabelled()).isEqualTo(2);
        assertThat(student.getFeedbackCorrect()).isEqualTo(1);
    }

    /**
     * gsm8k problems carry no gold here and all are labelled by feedback in both arms (a complete cohort); of the
     * custom dataset's, one teacher problem in two is labelled (incomplete). Teacher 4/4 right, student 1/4.
     */
    private void feedbackOnTwoCohorts() {
        for (int i = 0; i < 4; i++) {
            for (String arm : List.of("teacher", "student")) {
                String id = arm.charAt(0) + "g" + i;
                solutions.pipeInput(id, withoutGold(solution(id, arm, "sim-" + arm, "18")));
                feedback.pipeInput(id, Feedback.newBuilder().setProblemId(id).setCorrect(arm.equals("teacher") || i == 0).setAtMs(1).build());
            }
        }
        for (int i = 0; i < 2; i++) {
            for (String arm : List.of("teacher", "student")) {
                String id = arm.charAt(0) + "c" + i;
                Solution s = withoutGold(solution(id, arm, "sim-" + arm, "18"));
                s.getDecomposition().getProblem().setDataset("custom");
                solutions.pipeInput(id, s);
            }
        }
        feedback.pipeInput("tc0", Feedback.newBuilder().setProblemId("tc0").setCorrect(true).setAtMs(1).build());
    }

    private static List<String> accuracyComparisons(ExperimentResult r) {
        return r.getComparisons().stream().filter(c -> c.getMetric().equals("accuracy"))
                .map(c -> c.getDataset() + " " + c.getTreatmentSamples() + "/" + c.getControlSamples() + " "
                        + c.getTreatmentMean() + " vs " + c.getControlMean()).toList();
    }

    @Test
    void verdictsReadGoldOnlyByDefault() {
        feedbackOnTwoCohorts();

        ExperimentResult last = results.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.getVerdictLabels()).isEqualTo("gold");
        assertThat(last.getFeedbackCohorts()).isEmpty();
        assertThat(accuracyComparisons(last)).containsExactly("null 0/0 null vs null");
    }

    @Test
    void verdictsAlsoReadTheFeedbackOfCohortsWhoseLabelsAreCompleteInEveryArmWhenConfigured() {
        start(ConfigLoader.defaults().mergeYaml("experiment: {verdictLabels: feedback-complete-cohorts, feedbackCohortCoverage: 0.9}")
                .build().experiment());
        feedbackOnTwoCohorts();

        ExperimentResult last = results.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.getVerdictLabels()).isEqualTo("feedback-complete-cohorts");
        assertThat(last.getFeedbackCohorts()).as("custom: 1 of 2 teacher problems labelled, 0 of 2 student").containsExactly("gsm8k");
        assertThat(accuracyComparisons(last)).containsExactly("null 4/4 0.25 vs 1.0", "gsm8k 4/4 0.25 vs 1.0");

        feedback.pipeInput("sc0", Feedback.newBuilder().setProblemId("sc0").setCorrect(false).setAtMs(1).build());
        feedback.pipeInput("sc1", Feedback.newBuilder().setProblemId("sc1").setCorrect(false).setAtMs(1).build());
        feedback.pipeInput("tc1", Feedback.newBuilder().setProblemId("tc1").setCorrect(true).setAtMs(1).build());
        last = results.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.getFeedbackCohorts()).as("custom now labelled in full in both arms").containsExactly("custom", "gsm8k");
        assertThat(accuracyComparisons(last)).containsExactly("null 6/6 0.16666666666666666 vs 1.0",
                "custom 2/2 0.0 vs 1.0", "gsm8k 4/4 0.25 vs 1.0");
    }

    @Test
    void everyLabelRecordIsAccountedForReceivedUndecodableMatchedOrUnmatched() {
        solutions.pipeInput("p1", withoutGold(solution("p1", "student", "sim-student", "18")));
        feedback.pipeInput("p1", Feedback.newBuilder().setProblemId("p1").setCorrect(false).setAtMs(1).build());
        feedback.pipeInput("p1", Feedback.newBuilder().setProblemId("p1").setCorrect(true).setAtMs(2).build());
        feedback.pipeInput("nobody", Feedback.newBuilder().setProblemId("nobody").setCorrect(true).setAtMs(1).build());
        driver.createInputTopic(topics.feedback().name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("junk", new byte[] {0, 0, 0, 0, 99, 1});

        ExperimentResult last = results.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.getLabels()).isEqualTo(new io.divconq.avro.LabelStats(3L, 1L, 2L, 1L, 1L));
    }

    @Test
    void theLatestLabelPerProblemWinsSoCorrectionsReplaceAndRepeatsNeverDoubleCount() {
        solutions.pipeInput("p1", withoutGold(solution("p1", "student", "sim-student", "18")));
        Feedback wrong = Feedback.newBuilder().setProblemId("p1").setCorrect(false).setAtMs(1).build();
        feedback.pipeInput("p1", wrong);
        feedback.pipeInput("p1", wrong);
        feedback.pipeInput("p1", Feedback.newBuilder().setProblemId("p1").setCorrect(true).setLabeller("fix").setAtMs(2).build());

        ArmStats student = armStats.readKeyValuesToMap().get("student");
        assertThat(student.getFeedbackLabelled()).isEqualTo(1);
        assertThat(student.getFeedbackCorrect()).isEqualTo(1);
        assertThat(student.getFeedbackMetricSum()).isEqualTo(1.0);
    }

    @Test
    void aLabelThatArrivesBeforeItsScoreIsJoinedByKeyNotByTime() {
        feedback.pipeInput("p1", Feedback.newBuilder().setProblemId("p1").setCorrect(true).setAtMs(1).build(),
                java.time.Instant.ofEpochMilli(1));
        solutions.pipeInput("p1", withoutGold(solution("p1", "student", "sim-student", "18")),
                java.time.Instant.ofEpochMilli(10L * 86_400_000L));

        assertThat(armStats.readKeyValuesToMap().get("student").getFeedbackCorrect()).isEqualTo(1);
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

    @Test
    void aProblemCountsOncePerWindowTheLatestScoreWinning() {
        now.set(1_000);
        deadLettersIn.pipeInput("p1", unusable("decompose", "p1", topics.problems().encode(TestProblems.eggs("p1")),
                "sim-student", 1000, 500));
        now.set(2_000);
        solutions.pipeInput("p1", solution("p1", "student", "sim-student", "18")); // the replay, in the same window
        now.set(3_000);
        solutions.pipeInput("p2", solution("p2", "student", "sim-student", "17"));
        now.set(61_000);
        solutions.pipeInput("p2", solution("p2", "student", "sim-student", "17")); // scored again, a window later

        Map<String, ArmStats> windows = windowed.readKeyValuesToMap();
        assertThat(windows).containsOnlyKeys("student@0", "student@60000");
        ArmStats first = windows.get("student@0");
        assertThat(List.of(first.getProblems(), first.getFailed(), first.getDeadLetters(), first.getLabelled(), first.getCorrect()))
                .as("p1's replay replaced its failed score in the window: p1 and p2 once each").containsExactly(2L, 0L, 0L, 2L, 1L);
        assertThat(List.of(first.getWindowStartMs(), first.getWindowEndMs())).containsExactly(0L, 60_000L);
        List<Score> all = scores.readValuesToList();
        Score p1 = all.get(1);
        Score p2 = all.get(2);
        assertThat(first.getCostUsdDecompose() + first.getCostUsdSolve()).isCloseTo(
                p1.getCostUsdDecompose() + p1.getCostUsdSolve() + p2.getCostUsdDecompose() + p2.getCostUsdSolve(), Offset.offset(1e-12));
        ArmStats second = windows.get("student@60000");
        assertThat(List.of(second.getProblems(), second.getLabelled(), second.getCorrect())).as("p2 scored again later")
                .containsExactly(1L, 1L, 0L);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static Solution solution(String id, String arm, String decomposer, String answer) {
        Decomposition d = Decomposition.newBuilder().setProblemId(id).setArm(arm).setExperiment("teacher-vs-student")
                .setSolverMode(SolverMode.STATIC).setSubquestions(List.of("A?")).setModel(decomposer)
                .setUsage(new TokenUsage(1000L, 500L)).setCalls(1).setLatencyMs(100).setDecomposedAtMs(2_000)
                .setTakenAtMs(1_500).setSimulated(true).setProblem(TestProblems.eggs(id)).build();
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
        assertThat(s.getPipelineLatencyMs()).as("from the decomposer taking the problem").isEqualTo(5_000L - 1_500L);
        assertThat(s.getModelLatencyMs()).isEqualTo(400L);
        assertThat(s.getSimulated()).isTrue();
    }

    @Test
    void aDecompositionWrittenBeforeTakenAtHasNoPipelineLatencyAndStaysOutOfItsHistogram() {
        Solution old = solution("p1", "teacher", "sim-teacher", "18");
        old.getDecomposition().setTakenAtMs(0L);
        solutions.pipeInput("p1", old);

        assertThat(scores.readValue().getPipelineLatencyMs()).isNull();
        ArmStats teacher = armStats.readKeyValuesToMap().get("teacher");
        assertThat(teacher.getLatencyP50Ms()).isCloseTo(4000L, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(teacher.getPipelineLatencyHistogram()).isEmpty();
        assertThat(teacher.getPipelineLatencyP50Ms()).isZero();
    }

    @Test
    void armStatsEqualTheSumOfTheirScoresAndCountDeadLetters() {
        solutions.pipeInput("p1", solution("p1", "teacher", "sim-teacher", "18"));
        solutions.pipeInput("p2", solution("p2", "teacher", "sim-teacher", "17"));
        solutions.pipeInput("p3", solution("p3", "student", "sim-student", "18"));
        deadLettersIn.pipeInput("p4", DeadLetter.newBuilder().setStage("solve").setErrorType("model-call-failed")
                .setReason("HTTP 503").setSourceTopic("decompositions").setSourcePartition(0).setSourceOffset(4)
                .setProblemId("p4").setArm("student").setFailedAtMs(1)
                .setOriginalValue(ByteBuffer.wrap(topics.decompositions().encode(
                        solution("p4", "student", "sim-student", "1").getDecomposition()))).build());

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
        assertThat(teacher.getPipelineLatencyP50Ms()).isCloseTo(3500L, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(teacher.getPipelineLatencyP95Ms()).isCloseTo(3500L, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(stats.get("student").getPipelineLatencyHistogram().stream().mapToLong(Long::longValue).sum())
                .as("the outage's failed score keeps its decomposition's pipeline latency").isEqualTo(2);
        ArmStats student = stats.get("student");
        assertThat(student.getProblems()).as("the outage's problem is accounted for").isEqualTo(2);
        assertThat(student.getDeadLetters()).isEqualTo(1);
        assertThat(student.getInfrastructureFailures()).as("reported apart").isEqualTo(1);
        assertThat(student.getFailed()).as("not a method failure").isZero();
        assertThat(student.getLabelled()).as("an outage is not judged").isEqualTo(1);
        assertThat(student.getCostUsdDecompose()).isLessThan(teacher.getCostUsdDecompose() / 2);
    }

    private DeadLetter unusable(String stage, String id, byte[] original, String model, long prompt, long completion) {
        return DeadLetter.newBuilder().setStage(stage).setErrorType("unparseable-reply").setReason("no subquestion")
                .setSourceTopic(stage.equals("decompose") ? topics.problems().name() : topics.decompositions().name())
                .setSourcePartition(0).setSourceOffset(7).setProblemId(id).setArm("student").setExperiment("teacher-vs-student")
                .setWeightVersion(3L).setModel(model).setPromptTokens(prompt).setCompletionTokens(completion)
                .setOriginalValue(ByteBuffer.wrap(original)).setFailedAtMs(1).build();
    }

    @Test
    void anUnusableDecompositionEndsInAFailedScoreForItsArmThatCountsAsWrongAndCosts() {
        deadLettersIn.pipeInput("p1", unusable("decompose", "p1", topics.problems().encode(TestProblems.eggs("p1")),
                "sim-student", 1000, 500));

        Score failed = scores.readValue();
        assertThat(failed.getProblemId()).isEqualTo("p1");
        assertThat(failed.getArm()).isEqualTo("student");
        assertThat(failed.getFailed()).isTrue();
        assertThat(failed.getFailureKind()).isEqualTo("unusable-decomposition");
        assertThat(failed.getFailedStage()).isEqualTo("decompose");
        assertThat(failed.getInfrastructureFailure()).isFalse();
        assertThat(failed.getCorrect()).isFalse();
        assertThat(failed.getWeightVersion()).isEqualTo(3L);
        assertThat(failed.getCostUsdDecompose()).isCloseTo(1.0 * 0.0002 + 0.5 * 0.0004, Offset.offset(1e-12));
        ArmStats student = armStats.readKeyValuesToMap().get("student");
        assertThat(student.getProblems()).isEqualTo(1);
        assertThat(student.getFailed()).isEqualTo(1);
        assertThat(student.getLabelled()).isEqualTo(1);
        assertThat(student.getCorrect()).isZero();
        assertThat(student.getFailuresByKind()).containsExactly(Map.entry("unusable-decomposition", 1L));
        assertThat(student.getAssignedByVersion()).containsExactly(Map.entry("3", 1L));
        assertThat(student.getCostUsdDecompose()).isCloseTo(failed.getCostUsdDecompose(), Offset.offset(1e-12));
        assertThat(student.getDatasets()).containsOnlyKeys("gsm8k").hasEntrySatisfying("gsm8k", d -> {
            assertThat(d.getProblems()).as("per dataset too").isEqualTo(1);
            assertThat(d.getLabelled()).isEqualTo(1);
            assertThat(d.getCorrect()).isZero();
        });
    }

    @Test
    void aSolverReplyWithoutAnswerFailsWithTheDecompositionAndSolveTokensCharged() {
        Decomposition d = solution("p1", "student", "sim-student", "1").getDecomposition();
        deadLettersIn.pipeInput("p1", unusable("solve", "p1", topics.decompositions().encode(d), "sim-solver", 2000, 1000));

        Score failed = scores.readValue();
        assertThat(failed.getFailureKind()).isEqualTo("no-answer");
        assertThat(failed.getCostUsdDecompose()).isCloseTo(1.0 * 0.0002 + 0.5 * 0.0004, Offset.offset(1e-12));
        assertThat(failed.getCostUsdSolve()).isCloseTo(2.0 * 0.001 + 1.0 * 0.002, Offset.offset(1e-12));
    }

    @Test
    void aReplayThatSucceedsReplacesTheFailedScoreAndTheProblemCountsOnce() {
        deadLettersIn.pipeInput("p1", unusable("decompose", "p1", topics.problems().encode(TestProblems.eggs("p1")),
                "sim-student", 1000, 500));
        solutions.pipeInput("p1", solution("p1", "student", "sim-student", "18"));

        ArmStats student = armStats.readKeyValuesToMap().get("student");
        assertThat(student.getProblems()).isEqualTo(1);
        assertThat(student.getFailed()).isZero();
        assertThat(student.getDeadLetters()).isZero();
        assertThat(student.getLabelled()).isEqualTo(1);
        assertThat(student.getCorrect()).isEqualTo(1);
        assertThat(student.getFailuresByKind()).isEmpty();
        Score replayed = scores.readValuesToList().get(1);
        assertThat(student.getCostUsdDecompose() + student.getCostUsdSolve())
                .isCloseTo(replayed.getCostUsdDecompose() + replayed.getCostUsdSolve(), Offset.offset(1e-12));
    }

    @Test
    void aFailedShadowRunIsFlaggedAndNeverCountedAgainstTheArm() {
        Solution p1 = solution("p1", "student", "sim-student", "18");
        solutions.pipeInput("p1", p1);
        Decomposition shadow = Decomposition.newBuilder(p1.getDecomposition()).setShadow(true).setModel("sim-teacher").build();
        deadLettersIn.pipeInput("p1", unusable("solve", "p1", topics.decompositions().encode(shadow), "sim-solver", 10, 10));

        ArmStats student = armStats.readKeyValuesToMap().get("student");
        assertThat(student.getProblems()).isEqualTo(1);
        assertThat(student.getFailed()).isZero();
        assertThat(student.getDeadLetters()).isZero();
        assertThat(student.getShadowFailures()).isEqualTo(1);
        assertThat(student.getShadowPairs()).isZero();
    }

    private static Solution sampled(Solution s, boolean skipped) {
        return Solution.newBuilder(s).setDecomposition(Decomposition.newBuilder(s.getDecomposition())
                .setShadowSampled(true).setShadowSkipped(skipped).build()).build();
    }

    @Test
    void shadowAccountingCountsSampledSkippedFailedAndPairedPerArmBesideTheControlsOwnBaseline() {
        Solution p1 = sampled(solution("p1", "student", "sim-student", "18"), false);
        solutions.pipeInput("p1", p1);
        solutions.pipeInput("p1", shadowOf(p1, "18"));
        solutions.pipeInput("p2", sampled(solution("p2", "student", "sim-student", "18"), true)); // shadow queue was full
        solutions.pipeInput("p3", sampled(solution("p3", "student", "sim-student", "18"), false));
        DeadLetter shadowFailed = DeadLetter.newBuilder(unusable("decompose", "p3", topics.problems().encode(TestProblems.eggs("p3")),
                "sim-teacher", 1000, 500)).setShadow(true).build();
        deadLettersIn.pipeInput("p3", shadowFailed);
        solutions.pipeInput("p5", solution("p5", "student", "sim-student", "17"));
        Solution p4 = sampled(solution("p4", "teacher", "sim-teacher", "18"), false);
        solutions.pipeInput("p4", p4);
        solutions.pipeInput("p4", shadowOf(p4, "17")); // control vs control: the solver's own variability

        Map<String, ArmStats> stats = armStats.readKeyValuesToMap();
        assertThat(shadowCounts(stats.get("student"))).containsExactly(4L, 3L, 1L, 1L, 1L, 1L, 0L, 0L);
        assertThat(shadowCounts(stats.get("teacher"))).containsExactly(1L, 1L, 0L, 0L, 1L, 0L, 0L, 0L);
        Score failedShadow = scores.readValuesToList().stream().filter(x -> x.getProblemId().equals("p3") && x.getFailed())
                .findFirst().orElseThrow();
        assertThat(failedShadow.getShadow()).as("a shadow dead letter becomes a shadow score").isTrue();

        ExperimentResult result = results.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(result.getArms()).extracting(a -> a.getArm() + " " + shadowCounts(a.getStats()))
                .containsExactly("teacher [1, 1, 0, 0, 1, 0, 0, 0]", "student [4, 3, 1, 1, 1, 1, 0, 0]");
        assertThat(result.getArms()).allSatisfy(a -> assertThat(a.getAgreementUpper()).as(a.getArm() + " agreement interval").isNotNull());
    }

    /** problems, shadowSampled, shadowSkipped, shadowFailures, shadowPairs, shadowAgreements, failed, deadLetters. */
    private static List<Long> shadowCounts(ArmStats a) {
        return List.of(a.getProblems(), a.getShadowSampled(), a.getShadowSkipped(), a.getShadowFailures(), a.getShadowPairs(),
                a.getShadowAgreements(), a.getFailed(), a.getDeadLetters());
    }

    /**
     * Done-when check of intention to treat: the student's decomposer gives unusable replies 30% of the time and both
     * arms answer 65% of the rest right. Dropping the failures would show two equal arms; counted, the student is worse.
     */
    @Test
    void aStudentWhoseDecompositionsAre30PercentUnusableIsJudgedWorseWithItsFailuresCounted() {
        java.util.Random r = new java.util.Random(42);
        int perArm = 600;
        long survivorsRight = 0;
        long survivors = 0;
        for (int i = 0; i < perArm; i++) {
            String t = "t" + i;
            solutions.pipeInput(t, solution(t, "teacher", "sim-teacher", r.nextDouble() < 0.65 ? "18" : "17"));
            String s = "s" + i;
            if (r.nextDouble() < 0.3) {
                deadLettersIn.pipeInput(s, unusable("decompose", s, topics.problems().encode(TestProblems.eggs(s)),
                        "sim-student", 300, 40));
            } else {
                boolean right = r.nextDouble() < 0.65;
                survivors++;
                survivorsRight += right ? 1 : 0;
                solutions.pipeInput(s, solution(s, "student", "sim-student", right ? "18" : "17"));
            }
        }

        Map<String, ArmStats> stats = armStats.readKeyValuesToMap();
        ArmStats student = stats.get("student");
        assertThat(student.getProblems()).isEqualTo(perArm);
        assertThat(student.getFailed()).isEqualTo(perArm - survivors);
        assertThat(student.getLabelled()).isEqualTo(perArm);
        assertThat(student.getCorrect()).isEqualTo(survivorsRight);
        assertThat((double) survivorsRight / survivors).as("per protocol the arms look alike")
                .isCloseTo((double) stats.get("teacher").getCorrect() / perArm, Offset.offset(0.06));
        ExperimentResult last = results.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.getComparisons()).filteredOn(c -> c.getMetric().equals("accuracy")).singleElement()
                .satisfies(c -> {
                    assertThat(c.getVerdict()).isEqualTo("WORSE");
                    assertThat(c.getTreatmentSamples()).isEqualTo(perArm);
                });
    }

    @Test
    void aDeadLetterWhoseOriginalDoesNotDecodeIsNotAttributed() {
        deadLettersIn.pipeInput("p9", unusable("decompose", "p9", new byte[] {0, 0, 0, 0, 99, 1}, "sim-student", 1, 1));

        assertThat(scores.isEmpty()).isTrue();
        assertThat(armStats.isEmpty()).isTrue();
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
