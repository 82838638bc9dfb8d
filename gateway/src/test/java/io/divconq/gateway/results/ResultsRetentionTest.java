package io.divconq.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.AnswerState;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers leave the results table once unchanged for the retention; a change restarts their clock. */
class ResultsRetentionTest {

    private static final long RETENTION_MS = 1_000_000;
    private static final Instant START = Instant.parse("2026-11-30T00:00:00Z");

    private final TopicCatalog topics = TestTopics.fresh();
    private final AtomicLong clock = new AtomicLong(START.toEpochMilli());
    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    private TopologyTestDriver driver(long retentionMs) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "results-retention-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ResultsTopology.build(topics, new AnswerReducer(clock::get), new AnswerWatches(),
                retentionMs), p, START);
        return driver;
    }

    private void advance(long ms) {
        clock.addAndGet(ms);
        driver.advanceWallClockTime(Duration.ofMillis(ms));
    }

    private KeyValueStore<String, AnswerState> store() {
        return driver.getKeyValueStore(ResultsTopology.STORE);
    }

    private static Problem problem(String id) {
        return Problem.newBuilder(TestProblems.eggs(id)).setCreatedAtMs(START.toEpochMilli()).build();
    }

    @Test
    void anAnswerUnchangedForTheRetentionIsDroppedAndARecentlyChangedOneStays() {
        driver(RETENTION_MS);
        var problems = TestTopics.input(driver, topics.problems());
        problems.pipeInput("old", problem("old"));
        problems.pipeInput("busy", problem("busy"));

        advance(RETENTION_MS / 2);
        TestTopics.input(driver, topics.decompositions()).pipeInput("busy", decomposition(problem("busy")));
        advance(RETENTION_MS / 2 + 20_000);

        assertThat(store().get("old")).as("unchanged for longer than the retention").isNull();
        assertThat(store().get("busy").getArm()).as("changed half a retention ago").isEqualTo("teacher");

        advance(RETENTION_MS / 2);
        assertThat(store().get("busy")).isNull();
    }

    @Test
    void retentionZeroKeepsEveryAnswer() {
        driver(0);
        TestTopics.input(driver, topics.problems()).pipeInput("p", problem("p"));
        advance(100 * RETENTION_MS);
        assertThat(store().get("p").getQuestion()).isEqualTo(problem("p").getQuestion());
    }

    private static Decomposition decomposition(Problem problem) {
        return Decomposition.newBuilder().setProblemId(problem.getId()).setExperiment("exp").setArm("teacher")
                .setSolverMode(SolverMode.STATIC).setSubquestions(List.of("How many eggs?")).setUsage(new TokenUsage(10L, 5L))
                .setDecomposedAtMs(START.toEpochMilli()).setProblem(problem).build();
    }
}
