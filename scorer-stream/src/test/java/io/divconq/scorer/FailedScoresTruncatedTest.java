package io.divconq.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Score;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.common.testing.TestTopics;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A problem dead-lettered for an output too large for Kafka still counts once in its arm, as a failed score. */
class FailedScoresTruncatedTest {

    private final FailedScores failed = new FailedScores(TestTopics.fresh("t."), ConfigLoader.defaults().build().prices(), () -> 42L);

    private static DeadLetter letter(long originalBytes) {
        return DeadLetter.newBuilder().setStage("decompose").setErrorType(DeadLetters.OUTPUT_TOO_LARGE).setReason("too large")
                .setSourceTopic("t.problems").setSourcePartition(0).setSourceOffset(7).setProblemId("huge")
                .setExperiment("teacher-vs-student").setArm("student")
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2, 3})).setOriginalValueBytes(originalBytes)
                .setFailedAtMs(1L).build();
    }

    @Test
    void aTruncatedOriginalGivesAnUnjudgedFailedScoreForItsArm() {
        Score s = failed.of(letter(2_000_000)).orElseThrow();

        assertThat(s.getProblemId()).isEqualTo("huge");
        assertThat(s.getArm()).isEqualTo("student");
        assertThat(s.getFailed()).isTrue();
        assertThat(s.getCorrect()).isNull();
        assertThat(s.getGoldAnswers()).isEmpty();
    }

    @Test
    void anUndecodableOriginalThatWasNotTruncatedGivesNoScore() {
        assertThat(failed.of(letter(7))).isEmpty();
    }
}
