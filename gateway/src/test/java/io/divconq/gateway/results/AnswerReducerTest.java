package io.divconq.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.AnswerState;
import io.divconq.avro.AnswerStatus;
import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerReducerTest {

    private final AnswerReducer reducer = new AnswerReducer(() -> 1_000L);
    private final Problem problem = Problem.newBuilder().setId("p1").setQuestion("What is 6 x 7?").setCreatedAtMs(5L)
            .setAttributes(Map.of(AnswerReducer.REQUEST_ATTRIBUTE, "abc")).build();
    private final Decomposition decomposition = Decomposition.newBuilder().setProblemId("p1").setExperiment("exp").setArm("student")
            .setSolverMode(SolverMode.STATIC).setSubquestions(List.of("What is 6 x 7?")).setUsage(new TokenUsage(10L, 5L))
            .setDecomposedAtMs(6L).setProblem(problem).build();
    private final Solution solution = Solution.newBuilder().setProblemId("p1").setExperiment("exp").setArm("student")
            .setFinalAnswer("42").setRawReply("The answer is: 42").setModel("m").setUsage(new TokenUsage(20L, 8L)).setSolvedAtMs(7L)
            .setDecomposition(decomposition).build();
    private final Score score = Score.newBuilder().setProblemId("p1").setExperiment("exp").setArm("student").setDataset("custom")
            .setPredicted("42").setMetric("exact_match").setSolveModel("m").setDecomposeUsage(new TokenUsage(10L, 5L))
            .setSolveUsage(new TokenUsage(20L, 8L)).setCostUsdDecompose(0.001).setCostUsdSolve(0.002).setPriceTableVersion("v")
            .setModelLatencyMs(3L).setEndToEndLatencyMs(4L).setScoredAtMs(9L).build();

    @Test
    void recordsInPipelineOrderEndAnsweredWithEverythingKnown() {
        AnswerState s = reducer.queued(null, problem);
        assertThat(s.getStatus()).isEqualTo(AnswerStatus.QUEUED);
        assertThat(s.getVersion()).isEqualTo(1);
        s = reducer.decomposed(s, decomposition);
        assertThat(s.getStatus()).isEqualTo(AnswerStatus.DECOMPOSED);
        s = reducer.solved(s, solution);
        s = reducer.scored(s, score);
        assertThat(s).isEqualTo(AnswerState.newBuilder().setProblemId("p1").setStatus(AnswerStatus.ANSWERED).setVersion(4)
                .setRequestSha256("abc").setQuestion("What is 6 x 7?").setExperiment("exp").setArm("student")
                .setSubquestions(List.of("What is 6 x 7?")).setFinalAnswer("42").setDecomposeUsage(new TokenUsage(10L, 5L))
                .setSolveUsage(new TokenUsage(20L, 8L)).setCostUsdDecompose(0.001).setCostUsdSolve(0.002).setSimulated(false)
                .setCreatedAtMs(5L).setUpdatedAtMs(1_000L).build());
        assertThat(AnswerReducer.isFinal(s)).isTrue();
    }

    @Test
    void outOfOrderRecordsNeverMoveTheStatusBackAndReplaysChangeNothing() {
        AnswerState s = reducer.scored(null, score);
        AnswerState afterLateDecomposition = reducer.decomposed(s, decomposition);
        assertThat(afterLateDecomposition.getStatus()).isEqualTo(AnswerStatus.ANSWERED);
        assertThat(afterLateDecomposition.getQuestion()).isEqualTo("What is 6 x 7?");
        AnswerState replayed = reducer.decomposed(afterLateDecomposition, decomposition);
        assertThat(replayed).isSameAs(afterLateDecomposition);
        assertThat(reducer.scored(replayed, score)).isSameAs(replayed);
    }

    @Test
    void aDeadLetterFailsTheProblemWithItsReasonButNotAfterItWasSolved() {
        DeadLetter dl = DeadLetter.newBuilder().setStage("solve").setErrorType("model-call-failed").setReason("5 attempts")
                .setSourceTopic("decompositions").setSourcePartition(0).setSourceOffset(3L).setProblemId("p1").setFailedAtMs(8L).build();
        AnswerState failed = reducer.failed(reducer.decomposed(null, decomposition), dl);
        assertThat(failed.getStatus()).isEqualTo(AnswerStatus.FAILED);
        assertThat(failed.getFailureStage()).isEqualTo("solve");
        assertThat(failed.getFailureReason()).isEqualTo("model-call-failed: 5 attempts");
        assertThat(AnswerReducer.isFinal(failed)).isTrue();

        AnswerState solved = reducer.solved(null, solution);
        assertThat(reducer.failed(solved, dl)).isSameAs(solved);
        assertThat(reducer.solved(failed, solution).getStatus()).isEqualTo(AnswerStatus.SOLVED);
        assertThat(reducer.solved(failed, solution).getFailureReason()).isNull();
    }

    @Test
    void shadowRunsAreNotTheProblemsAnswer() {
        Decomposition shadow = Decomposition.newBuilder(decomposition).setShadow(true).setArm("teacher").build();
        AnswerState s = reducer.decomposed(null, decomposition);
        assertThat(reducer.decomposed(s, shadow)).isSameAs(s);
        assertThat(reducer.solved(s, Solution.newBuilder(solution).setDecomposition(shadow).build())).isSameAs(s);
        assertThat(reducer.scored(s, Score.newBuilder(score).setShadow(true).build())).isSameAs(s);
    }
}
