package io.divconq.decomposer;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.FakeChatModel;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Off the happy path: oversized outputs, oversized replies and repeated problem ids never stall or double-count. */
class DecomposerReliabilityTest {

    private final TopicCatalog topics = TestTopics.fresh("t.");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Instant t0 = Instant.parse("2026-11-30T12:00:00Z");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Problem> problems;
    private TestOutputTopic<String, Decomposition> decompositions;
    private TestOutputTopic<String, DeadLetter> dlq;

    private void start(DivconqConfig config, FakeChatModel model) {
        Properties p = TestTopics.driverConfig("decomposer-reliability-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, tempDir());
        StageSettings settings = StageSettings.of(topics).withStreams(config.streams()).withMeters(meters);
        driver = new TopologyTestDriver(DecomposerTopology.build(settings,
                new DecomposeStage(config, new ExperimentWeights(config.experiment()), model)), p);
        problems = TestTopics.input(driver, topics.problems());
        decompositions = TestTopics.output(driver, topics.decompositions());
        dlq = TestTopics.output(driver, topics.deadLetters());
    }

    private static String tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("decomposer-reliability-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    private void flush() {
        driver.advanceWallClockTime(Duration.ofMillis(20));
    }

    @Test
    void anOutputOverTheRecordLimitIsDeadLetteredWithItsReasonAndLaterProblemsGoOn() {
        start(ConfigLoader.defaults().build(), new FakeChatModel(r -> "1. A?"));
        Problem huge = Problem.newBuilder(TestProblems.eggs("huge")).setQuestion(randomText(1_048_000)).build();

        problems.pipeInput("huge", huge, t0);
        problems.pipeInput("p1", TestProblems.eggs("p1"), t0);
        flush();

        assertThat(decompositions.readKeyValuesToMap()).containsOnlyKeys("p1");
        var letters = dlq.readValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter d = letters.get(0);
        assertThat(d.getProblemId()).isEqualTo("huge");
        assertThat(d.getArm()).isIn("teacher", "student");
        assertThat(d.getErrorType()).isEqualTo(DeadLetters.OUTPUT_TOO_LARGE);
        assertThat(d.getReason()).matches("the t\\.decompositions record would be [\\d,]+ bytes, over the 1,000,000-byte "
                + "limit \\(streams\\.maxRecordBytes\\) \\[original value of \\d+ bytes truncated to 899996 to fit the dlq\\]");
        assertThat(d.getOriginalValue().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES - 4);
        assertThat(d.getOriginalValueBytes()).isGreaterThan(1_048_000);
        assertThat(DeadLetters.replayable(d)).isFalse();
    }

    @Test
    void rawRepliesKeptInRecordsAreCapped() {
        start(ConfigLoader.defaults().mergeYaml("streams: {maxStoredReplyChars: 50}").build(),
                new FakeChatModel(r -> "1. A?\n" + "x".repeat(500)));

        problems.pipeInput("p1", TestProblems.eggs("p1"), t0);
        flush();

        assertThat(decompositions.readValue().getRawReply()).isEqualTo("1. A?\n" + "x".repeat(44) + " …[456 more characters cut]");
    }

    @Test
    void aProblemIdSeenWithinTheDedupWindowIsDroppedCountedAndReplaysPass() {
        start(ConfigLoader.defaults().mergeYaml("streams: {dedupWindowMs: 3600000}").build(), new FakeChatModel(r -> "1. A?"));

        problems.pipeInput("p1", TestProblems.eggs("p1"), t0);
        problems.pipeInput("p2", TestProblems.eggs("p2"), t0);
        problems.pipeInput("p1", TestProblems.eggs("p1"), t0.plusSeconds(60));
        problems.pipeInput("p1", TestProblems.eggs("p1"), t0.plusSeconds(120));
        RecordHeaders replay = new RecordHeaders();
        replay.add(DeadLetters.REPLAY_HEADER, "1".getBytes(StandardCharsets.UTF_8));
        problems.pipeInput(new TestRecord<>("p2", TestProblems.eggs("p2"), replay, t0.plusSeconds(180)));
        problems.pipeInput("p1", TestProblems.eggs("p1"), t0.plusSeconds(3600 + 1));
        flush();

        assertThat(decompositions.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("p1", "p2", "p2", "p1");
        assertThat(meters.get("divconq.decomposer.duplicates").counter().count()).isEqualTo(2.0);
        assertThat(dlq.isEmpty()).isTrue();
    }

    private static String randomText(int chars) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) sb.append((char) ('a' + random.nextInt(26)));
        return sb.toString();
    }
}
