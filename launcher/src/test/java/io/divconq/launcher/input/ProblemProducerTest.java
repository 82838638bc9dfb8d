package io.divconq.launcher.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.context.DivconqContext;
import io.divconq.launcher.pipeline.TopicAdmin;
import io.divconq.launcher.testing.SharedKafka;
import io.divconq.launcher.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Problems reach the topic or the caller hears how many did not: none is dropped silently. */
class ProblemProducerTest {

    private final String bootstrap = SharedKafka.bootstrapServers();
    private final DivconqContext context = DivconqContext.create(ConfigLoader.defaults()
            .topicPrefix("pp" + UUID.randomUUID().toString().substring(0, 8) + ".")
            .schemaRegistryUrl("mock://problem-producer-" + UUID.randomUUID()).build(), bootstrap, name -> null);

    private static Problem problem(String id, String question) {
        return Problem.newBuilder().setId(id).setQuestion(question).setCreatedAtMs(0L).build();
    }

    @Test
    void everyProblemSentRightAfterItsTopicIsCreatedArrivesOnce() {
        TopicAdmin.ensureTopics(context);
        List<Problem> problems = IntStream.range(0, 2_000).mapToObj(i -> problem("p-" + i, "What is " + i + " + 1?")).toList();

        ProblemProducer.send(context, problems);

        Map<String, Integer> counts = TopicReader.countByKey(bootstrap, context.topics().problems().name(), Duration.ofSeconds(2));
        assertThat(counts).hasSize(2_000);
        assertThat(counts.values()).containsOnly(1);
    }

    @Test
    void aProblemThatCannotBeWrittenIsReportedWithTheCountAndTheReason() {
        TopicAdmin.ensureTopics(context);
        List<Problem> problems = List.of(problem("small-1", "What is 1 + 1?"), problem("huge", "x".repeat(2_000_000)),
                problem("small-2", "What is 2 + 2?"));

        var e = catchThrowableOfType(() -> ProblemProducer.send(context, problems), ProblemProducer.ProblemsNotSentException.class);

        assertThat(e).hasMessageStartingWith("1 of 3 problems could not be written to " + context.topics().problems().name() + ": ")
                .hasMessageContaining("RecordTooLargeException");
        assertThat(TopicReader.countByKey(bootstrap, context.topics().problems().name(), Duration.ofSeconds(2)))
                .isEqualTo(Map.of("small-1", 1, "small-2", 1));
    }
}
