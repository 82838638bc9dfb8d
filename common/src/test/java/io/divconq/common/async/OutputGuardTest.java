package io.divconq.common.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.Problem;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.AvroSizeBound;
import io.divconq.common.topics.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The output guard serialises an output only when its size bound does not already show that it fits. */
class OutputGuardTest {

    private final Topic<Problem> problems = TestTopics.fresh().problems();
    private final AtomicInteger serialised = new AtomicInteger();
    private final Serializer<Problem> counting = (topic, p) -> {
        serialised.incrementAndGet();
        return problems.serde().serializer().serialize(topic, p);
    };

    private OutputGuard<Problem> guard(int maxBytes) {
        return OutputGuard.maxBytes(problems.name(), counting, List::of, maxBytes, AvroSizeBound::ofAny);
    }

    @Test
    void theBoundIsNeverBelowTheSerialisedSize() {
        Problem small = TestProblems.eggs("p1");
        Problem large = Problem.newBuilder(small).setQuestion("é€".repeat(50_000)).setContext("passage ".repeat(10_000))
                .setGoldAnswers(List.of("18", "eighteen")).setAttributes(Map.of("source", "ünïcode")).build();
        for (Problem p : List.of(small, large)) {
            int actual = problems.serde().serializer().serialize(problems.name(), p).length;
            assertThat(AvroSizeBound.of(p)).as(p.getId()).isGreaterThanOrEqualTo(actual).isLessThan(3L * actual + 1_000);
        }
    }

    @Test
    void anOutputWhoseBoundFitsIsNotSerialisedAgain() {
        assertThat(guard(1_000_000).check("p1", TestProblems.eggs("p1"))).isEmpty();
        assertThat(serialised).as("the sink is the only one to serialise it").hasValue(0);
    }

    @Test
    void anOutputOverItsBoundIsMeasuredAndRejectedOnlyWhenTrulyTooLarge() {
        Problem asciiHeavy = Problem.newBuilder(TestProblems.eggs("p2")).setQuestion("x".repeat(5_000)).build();
        int actual = problems.serde().serializer().serialize(problems.name(), asciiHeavy).length;

        assertThat(guard(actual + 2).check("p2", asciiHeavy)).as("bound over, true size under the limit").isEmpty();
        assertThat(serialised).hasValue(1);
        assertThat(guard(actual).check("p2", asciiHeavy)).hasValueSatisfying(f -> {
            assertThat(f.errorType()).isEqualTo(DeadLetters.OUTPUT_TOO_LARGE);
            assertThat(f.reason()).isEqualTo(String.format(
                    "the %s record would be %,d bytes, over the %,d-byte limit (streams.maxRecordBytes)", problems.name(), actual + 2, actual));
        });
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaIsLeftToTheSerializerAndDeadLettered() {
        Problem broken = TestProblems.eggs("p3");
        broken.setQuestion(null);

        assertThat(AvroSizeBound.of(broken)).isEqualTo(Long.MAX_VALUE);
        assertThat(guard(1_000_000).check("p3", broken)).hasValueSatisfying(f ->
                assertThat(f.errorType()).isEqualTo(DeadLetters.UNSERIALISABLE_OUTPUT));
    }
}
