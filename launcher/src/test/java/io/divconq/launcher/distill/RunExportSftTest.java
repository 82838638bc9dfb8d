package io.divconq.launcher.distill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.distill.export.QuestionKey;
import io.divconq.launcher.RunCommandAccess;
import io.divconq.embedded.LocalServices;
import io.divconq.launcher.input.ProblemFile;
import io.divconq.launcher.testing.SharedKafka;
import io.divconq.launcher.testing.TestData;
import io.divconq.registry.SchemaRegistryClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import io.divconq.launcher.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proof run, small: run --export-sft writes SD-T and SD-R files whose counts follow from the run's own scores. */
class RunExportSftTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sdrHoldsExactlyTheTeachersRightDistinctQuestionsAndIsWithinSdt(@TempDir Path dir) throws Exception {
        Path train = TestData.gsm8kTrain();
        // 24 training questions, then 10 of them asked again (other ids, other spacing): duplicates to drop.
        List<String> lines = Files.readAllLines(train).subList(0, 24);
        List<String> input = new ArrayList<>(lines);
        for (int i = 0; i < 10; i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            input.add(JSON.createObjectNode().put("id", "again-" + i).put("question", "  " + n.get("question").asText().toUpperCase() + " ")
                    .put("answer", n.get("answer").asText()).toString());
        }
        Path problems = dir.resolve("gsm8k-train-slice.jsonl");
        Files.write(problems, input);
        Path out = dir.resolve("out");
        String prefix = "dx" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (LocalServices local = new LocalServices()) {
            String registry = local.startRegistry().url();
            RunCommandAccess.Result run = RunCommandAccess.run("--input", problems.toString(), "--export-sft", out.toString(),
                    "--report-json", dir.resolve("r.json").toString(), "--state-dir", dir.resolve("state").toString(),
                    "--bootstrap-servers", SharedKafka.bootstrapServers(), "--schema-registry-url", registry,
                    "--topic-prefix", prefix, "--no-dashboard");
            assertThat(run.code()).as(run.output()).isZero();
            assertThat(run.output()).contains("sdt: ", "sdr: ", "training files and manifest.json written to " + out);

            Map<String, String> questions = ProblemFile.read(problems, 0).problems().stream()
                    .collect(Collectors.toMap(Problem::getId, Problem::getQuestion));
            TopicCatalog topics = TopicCatalog.of(prefix, SchemaRegistryClients.create(registry, Optional.empty()));
            Map<String, Score> scores = new HashMap<>();
            TopicReader.forEach(SharedKafka.bootstrapServers(), topics.scores().name(), Duration.ofSeconds(1),
                    (k, v) -> { Score s = topics.scores().decode(v); if (!s.getShadow()) scores.put(s.getProblemId(), s); });
            List<Score> teacher = scores.values().stream().filter(s -> s.getArm().equals("teacher")).toList();
            Set<QuestionKey> teacherQuestions = distinct(teacher, questions);
            Set<QuestionKey> teacherRight = distinct(teacher.stream().filter(s -> Boolean.TRUE.equals(s.getCorrect())).toList(), questions);
            assertThat(teacherQuestions.size()).as("some repeats went to the teacher").isLessThan(teacher.size());

            JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
            JsonNode r = JSON.readTree(dir.resolve("r.json").toFile());
            assertThat(r.at("/arms/teacher/correct").asInt()).isEqualTo(teacher.stream().filter(s -> Boolean.TRUE.equals(s.getCorrect())).count());
            int deadLettered = r.at("/arms/teacher/dead_letters").asInt();
            assertThat(m.at("/exports/sdr/kept").asInt()).isEqualTo(teacherRight.size());
            assertThat(m.at("/exports/sdt/kept").asInt()).isEqualTo(teacherQuestions.size());
            assertThat(m.get("datasets")).as("the file name gsm8k-train-slice gives the split").isEqualTo(JSON.readTree("{\"gsm8k\": [\"train\"]}"));
            assertThat(m.at("/exports/sdt/dropped/duplicate").asInt()).isEqualTo(teacher.size() - teacherQuestions.size());
            assertThat(m.at("/exports/sdt/dropped/failed").asInt() + m.at("/exports/sdt/dropped/unparsable").asInt()).isEqualTo(deadLettered);
            for (String mode : List.of("sdt", "sdr")) {
                JsonNode c = m.at("/exports/" + mode);
                long dropped = 0;
                for (JsonNode d : c.get("dropped")) dropped += d.asLong();
                assertThat(c.get("read").asInt()).isEqualTo(input.size());
                assertThat(c.get("kept").asLong() + dropped).isEqualTo(c.get("read").asLong());
                assertThat(lineCount(out.resolve(mode + ".jsonl")) + lineCount(out.resolve(mode + ".valid.jsonl"))).isEqualTo(c.get("kept").asInt());
            }
            Set<String> sdr = prompts(out, "sdr");
            assertThat(sdr).hasSize(teacherRight.size());
            assertThat(prompts(out, "sdt")).as("SD-R ⊆ SD-T, question by question").containsAll(sdr);

            // The same cluster, exported again by export-sft: the first 5 questions excluded, FastChat format.
            Path excluded = Files.write(dir.resolve("held-out.jsonl"), lines.subList(0, 5));
            Path again = dir.resolve("again");
            int code = new picocli.CommandLine(new ExportSftCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(
                    "--bootstrap-servers", SharedKafka.bootstrapServers(), "--schema-registry-url", registry, "--topic-prefix", prefix,
                    "--mode", "sdt", "--out", again.toString(), "--exclude", excluded.toString(), "--format", "sharegpt");
            assertThat(code).isZero();
            Set<QuestionKey> held = new HashSet<>();
            for (Problem p : ProblemFile.read(excluded, 0).problems()) held.add(QuestionKey.of(p.getQuestion(), null));
            long teacherHeld = teacher.stream().filter(s -> held.contains(QuestionKey.of(questions.get(s.getProblemId()), null))).count();
            JsonNode m2 = JSON.readTree(again.resolve("manifest.json").toFile());
            assertThat(m2.at("/exports/sdt/dropped/excluded").asLong()).isEqualTo(teacherHeld);
            assertThat(m2.at("/exports/sdt/kept").asInt()).isEqualTo(teacherQuestions.size() - (int) teacher.stream()
                    .map(s -> QuestionKey.of(questions.get(s.getProblemId()), null)).filter(held::contains).distinct().count());
            for (String line : Files.readAllLines(again.resolve("sdt.jsonl"))) {
                JsonNode n = JSON.readTree(line);
                assertThat(n.at("/conversations/1/from").asText()).isEqualTo("human");
                String user = n.at("/conversations/1/value").asText();
                assertThat(held).doesNotContain(QuestionKey.of(user.substring(user.lastIndexOf("Question:") + "Question:".length()), null));
            }
        }
    }

    private static Set<QuestionKey> distinct(List<Score> scores, Map<String, String> questions) {
        return scores.stream().map(s -> QuestionKey.of(questions.get(s.getProblemId()), null)).collect(Collectors.toSet());
    }

    /** The normalised questions inside each line's user prompt, training and validation files together. */
    private static Set<String> prompts(Path out, String mode) throws IOException {
        Set<String> all = new HashSet<>();
        for (String file : List.of(mode + ".jsonl", mode + ".valid.jsonl")) {
            for (String line : Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8)) {
                String user = JSON.readTree(line).at("/messages/1/content").asText();
                all.add(QuestionKey.of(user.substring(user.lastIndexOf("Question:") + "Question:".length()), null).value());
            }
        }
        return all;
    }

    private static int lineCount(Path file) throws IOException {
        return Files.readAllLines(file).size();
    }
}
