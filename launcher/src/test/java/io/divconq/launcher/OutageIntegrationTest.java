package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Problem;
import io.divconq.common.dlq.DeadLetters;
import io.divconq.launcher.pipeline.Pipeline;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.registry.TopicNameStrategy;
import io.divconq.registry.WireFormat;
import io.divconq.simulator.SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The failures of issue 8, repeated on a real broker: a model endpoint down for a minute, a registry that refuses
 * connections or answers 503, a 1 MB question and repeated ids. Every problem ends scored exactly once (or, for the
 * oversized one, exactly one dead letter with its reason), and no stream goes down.
 */
class OutageIntegrationTest {

    private static final SimulatorConfig FAST = SimulatorConfig.defaults().withFixedLatency(20);

    /** {@code n} distinct problems from GSM8K (cycled, with fresh ids when n is larger than the file). */
    private static List<Problem> problems(PipelineHarness h, Path gsm8k, String idPrefix, int n) throws Exception {
        List<Problem> source = h.load(gsm8k, 0);
        return IntStream.range(0, n).mapToObj(i -> Problem.newBuilder(source.get(i % source.size()))
                .setId(idPrefix + i).build()).toList();
    }

    private static List<Problem> concat(List<Problem> first, List<Problem> second) {
        List<Problem> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void awaitAll(RunMonitor monitor, int expected, Duration timeout) {
        assertThat(PipelineHarness.awaitFinished(monitor, expected, timeout))
                .as("all %d problems finished; have %d", expected, monitor.finished()).isTrue();
        monitor.poll(Duration.ofSeconds(1)); // anything late (a duplicate) would show up now
    }

    /** Every problem scored exactly once, nothing dead-lettered, no stream down. */
    private static void assertAllScoredOnce(RunMonitor monitor, int expected, Pipeline pipeline) {
        awaitAll(monitor, expected, Duration.ofSeconds(120));
        assertThat(monitor.scores()).hasSize(expected);
        assertThat(monitor.deadLetters()).isEmpty();
        assertThat(monitor.duplicateScores()).isZero();
        assertThat(pipeline.failed()).isEmpty();
    }

    @Test
    void aModelEndpointDownForAMinuteMidRunIsWaitedOutNotDeadLettered() throws Exception {
        Path gsm8k = TestData.gsm8kTest();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PipelineHarness h = new PipelineHarness(FAST, List.of(gsm8k), c -> c, true)) {
            Pipeline pipeline = h.start(meters);
            List<Problem> first = problems(h, gsm8k, "a-", 1_000);
            List<Problem> second = problems(h, gsm8k, "b-", 1_000);
            List<Problem> all = concat(first, second);
            try (RunMonitor monitor = h.monitor(all)) {
                h.produce(first);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    monitor.poll(Duration.ofMillis(100));
                    return monitor.scores().size() >= 200;
                });

                h.llmProxy.down();
                h.produce(second);
                await().during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(65)).until(() -> pipeline.failed().isEmpty());
                monitor.poll(Duration.ofMillis(100));
                assertThat(monitor.deadLetters()).as("nothing dead-lettered during the outage").isEmpty();
                assertThat(meters.get("divconq.llm.breaker.state").tag("endpoint", "default").gauge().value()).isIn(1.0, 2.0);
                h.llmProxy.up();

                assertAllScoredOnce(monitor, 2_000, pipeline);
                assertThat(meters.get("divconq.llm.breaker.transitions").tag("to", "open").counter().count()).isPositive();
                assertThat(meters.get("divconq.llm.breaker.state").tag("endpoint", "default").gauge().value()).isZero();
            }
        }
    }

    @Test
    void aRegistryRefusingConnectionsAtAFreshStartIsWaitedOut() throws Exception {
        Path gsm8k = TestData.gsm8kTest();
        try (PipelineHarness h = new PipelineHarness(FAST, List.of(gsm8k), c -> c, true)) {
            List<Problem> problems = problems(h, gsm8k, "a-", 200);
            try (RunMonitor monitor = h.monitor(problems)) {
                h.produce(problems);
                h.registryProxy.down();
                CompletableFuture<Pipeline> starting = CompletableFuture.supplyAsync(() -> h.startAsAnotherProcess(new SimpleMeterRegistry()));
                await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(35)).until(() -> !starting.isCompletedExceptionally());
                h.registryProxy.up();
                Pipeline pipeline = starting.get(60, java.util.concurrent.TimeUnit.SECONDS);
                pipeline.awaitRunning(Duration.ofSeconds(60));

                assertAllScoredOnce(monitor, 200, pipeline);
            }
        }
    }

    @Test
    void aRegistryRefusingConnectionsMidRunIsWaitedOut() throws Exception {
        Path gsm8k = TestData.gsm8kTest();
        try (PipelineHarness h = new PipelineHarness(FAST, List.of(gsm8k), c -> c, true)) {
            Pipeline pipeline = h.start();
            List<Problem> first = problems(h, gsm8k, "a-", 20);
            List<Problem> second = problems(h, gsm8k, "b-", 300);
            List<Problem> all = concat(first, second);
            try (RunMonitor monitor = h.monitor(all)) {
                h.produce(first);
                awaitAll(monitor, 20, Duration.ofSeconds(60));

                h.registryProxy.down();
                h.produce(second); // this producer's schema id is cached since the first batch: no registry call
                await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(35)).until(() -> pipeline.failed().isEmpty());
                h.registryProxy.up();

                assertAllScoredOnce(monitor, 320, pipeline);
            }
        }
    }

    @Test
    void aRegistryAnswering503OnSchemaIdLookupsIsWaitedOut() throws Exception {
        Path gsm8k = TestData.gsm8kTest();
        try (PipelineHarness h = new PipelineHarness(FAST, List.of(gsm8k), c -> c, true)) {
            Pipeline pipeline = h.start();
            List<Problem> problems = problems(h, gsm8k, "c-", 200);
            try (RunMonitor monitor = h.monitor(problems)) {
                // Written by an upgraded producer: a compatible schema the pipeline has never seen, so it must look the id up.
                h.registryProxy.failPaths("/schemas/ids/", 503);
                sendWithNewerSchema(h, problems);
                await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> pipeline.failed().isEmpty());
                monitor.poll(Duration.ofMillis(100));
                assertThat(monitor.scores()).as("nothing can be read while schema ids answer 503").isEmpty();
                assertThat(monitor.deadLetters()).isEmpty();
                h.registryProxy.failPaths(null, 0);

                assertAllScoredOnce(monitor, 200, pipeline);
            }
        }
    }

    @Test
    void aOneMegabyteQuestionIsOneDeadLetterWithItsReasonAndRepeatedIdsScoreOnce() throws Exception {
        Path gsm8k = TestData.gsm8kTest();
        try (PipelineHarness h = new PipelineHarness(FAST, List.of(gsm8k), c -> c)) {
            Pipeline pipeline = h.start();
            List<Problem> normal = problems(h, gsm8k, "d-", 20);
            Problem huge = Problem.newBuilder(normal.get(0)).setId("huge").setQuestion(randomText(1_048_000)).build();
            List<Problem> sent = new ArrayList<>();
            sent.add(huge);
            sent.addAll(normal);
            sent.add(normal.get(3));
            sent.add(normal.get(17));
            List<Problem> distinct = new ArrayList<>(normal);
            distinct.add(huge);
            try (RunMonitor monitor = h.monitor(distinct)) {
                h.produce(sent);

                awaitAll(monitor, 21, Duration.ofSeconds(90));
                // Intention to treat: the dead-lettered problem counts in its arm as one failed (unjudged) score.
                assertThat(monitor.scores()).hasSize(21);
                assertThat(monitor.scores().get("huge").getFailed()).isTrue();
                assertThat(monitor.scores().get("huge").getCorrect()).isNull();
                assertThat(monitor.scores().values().stream().filter(sc -> !sc.getProblemId().equals("huge")))
                        .noneMatch(sc -> sc.getFailed());
                assertThat(monitor.duplicateScores()).isZero();
                assertThat(monitor.deadLetters()).containsOnlyKeys("huge");
                DeadLetter d = monitor.deadLetters().get("huge");
                assertThat(d.getErrorType()).isEqualTo(DeadLetters.OUTPUT_TOO_LARGE);
                assertThat(d.getStage()).isEqualTo("decompose");
                assertThat(d.getReason()).contains("record would be", "over the 1,000,000-byte limit", "truncated");
                assertThat(pipeline.failed()).isEmpty();
            }
        }
    }

    private static String randomText(int chars) {
        Random random = new Random(8);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) sb.append(random.nextInt(7) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
        return sb.toString();
    }

    /** Sends problems in the wire format under Problem's schema plus one optional field (registered first). */
    private static void sendWithNewerSchema(PipelineHarness h, List<Problem> problems) throws Exception {
        Schema current = Problem.getClassSchema();
        String json = current.toString();
        Schema newer = new Schema.Parser().parse(json.substring(0, json.lastIndexOf(']'))
                + ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        String topic = h.topics.problems().name();
        int id = h.context.registry().register(TopicNameStrategy.subject(topic, false), newer);
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(newer);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, h.bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (Problem p : problems) {
                GenericRecord record = new GenericData.Record(newer);
                for (Schema.Field f : current.getFields()) record.put(f.name(), p.get(f.pos()));
                record.put("note", "from the upgraded producer");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                WireFormat.writeHeader(out, id);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(record, encoder);
                encoder.flush();
                producer.send(new ProducerRecord<>(topic, p.getId(), out.toByteArray()));
            }
        }
    }
}
