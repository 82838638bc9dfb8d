package io.divconq.distill.export;

import static io.divconq.avro.DistillOutcome.CORRECT;
import static io.divconq.avro.DistillOutcome.FAILED;
import static io.divconq.avro.DistillOutcome.INCORRECT;
import static io.divconq.avro.DistillOutcome.UNLABELLED;
import static io.divconq.distill.testing.Examples.teacher;
import static io.divconq.distill.testing.Examples.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.avro.DistillExample;
import io.divconq.avro.Problem;
import io.divconq.common.prompts.PromptQuestion;
import io.divconq.common.prompts.Prompts;
import io.divconq.llm.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "Janet has 16 eggs. She eats 3. How many are left?";

    @TempDir
    Path dir;

    private final SftExporter exporter = new SftExporter(() -> 42L);
    private final DistillExample right = teacher("p1", QUESTION, CORRECT, 100);
    private final DistillExample direct = with(teacher("p2", "What is 7 times 6?", INCORRECT, 200),
            b -> b.setSubquestions(List.of()).setNoDecomposition(true));
    private final DistillExample failed = teacher("p3", "What is 2 + 2?", FAILED, 300);
    private final ExportRequest request = ExportRequest.of(Set.of(ExportMode.SDT, ExportMode.SDR), "teacher").withValidShare(0);

    @Test
    void messagesLinesAreTheDecompositionPromptExactlyAsSentAndTheTeachersSubquestions() throws IOException {
        exporter.export(List.of(right, direct, failed), request, dir);

        List<ChatMessage> sent = Prompts.decompose(QUESTION, "default");
        List<JsonNode> sdt = lines(dir.resolve("sdt.jsonl"));
        assertThat(sdt).hasSize(2);
        JsonNode first = sdt.get(0);
        assertThat(names(first)).containsExactly("messages");
        assertThat(first.get("messages")).hasSize(3);
        assertThat(first.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(first.at("/messages/0/content").asText()).isEqualTo(sent.get(0).content());
        assertThat(first.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(first.at("/messages/1/content").asText()).isEqualTo(sent.get(1).content()).contains(QUESTION);
        assertThat(first.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(first.at("/messages/2/content").asText()).isEqualTo("1. How many eggs are left?\n2. How much money is that?");
        assertThat(sdt.get(1).at("/messages/2/content").asText()).isEqualTo("No decomposition");
        assertThat(sdt.get(1).at("/messages/1/content").asText()).isEqualTo(Prompts.decompose("What is 7 times 6?", "default").get(1).content());

        List<JsonNode> sdr = lines(dir.resolve("sdr.jsonl"));
        assertThat(sdr).containsExactly(first);
        assertThat(lines(dir.resolve("sdt.valid.jsonl"))).isEmpty();
        assertThat(lines(dir.resolve("sdr.valid.jsonl"))).isEmpty();
    }

    @Test
    void aDropQuestionIsPromptedWithItsPassageAsTheDecomposerWasAndPassagesKeepQuestionsApart() throws IOException {
        String passage = "The Bears scored twice in the first quarter. The Lions scored once in the second.";
        DistillExample drop = with(teacher("d1", "How many more points did the Bears score?", CORRECT, 100),
                b -> b.setDataset("drop").setPassage(passage));
        DistillExample samQuestionOtherPassage = with(drop, b -> b.setProblemId("d2").setPassage("Another game entirely."));
        exporter.export(List.of(drop, samQuestionOtherPassage), request, dir);

        Problem asked = Problem.newBuilder().setId("d1").setDataset("drop").setQuestion(drop.getQuestion()).setContext(passage)
                .setCreatedAtMs(0).build();
        List<ChatMessage> sent = Prompts.decompose(PromptQuestion.of(asked), "default");
        List<JsonNode> sdt = lines(dir.resolve("sdt.jsonl"));
        assertThat(sdt).hasSize(2);
        assertThat(sdt.get(0).at("/messages/1/content").asText()).isEqualTo(sent.get(1).content()).contains(passage);
    }

    @Test
    void sharegptLinesAreFastChatConversations() throws IOException {
        exporter.export(List.of(right), request.withFormat(TrainingFormat.SHAREGPT), dir);

        List<ChatMessage> sent = Prompts.decompose(QUESTION, "default");
        JsonNode line = lines(dir.resolve("sdt.jsonl")).get(0);
        assertThat(names(line)).containsExactly("id", "conversations");
        assertThat(line.get("id").asText()).isEqualTo("p1");
        assertThat(line.get("conversations")).hasSize(3);
        assertThat(line.at("/conversations/0/from").asText()).isEqualTo("system");
        assertThat(line.at("/conversations/0/value").asText()).isEqualTo(sent.get(0).content());
        assertThat(line.at("/conversations/1/from").asText()).isEqualTo("human");
        assertThat(line.at("/conversations/1/value").asText()).isEqualTo(sent.get(1).content());
        assertThat(line.at("/conversations/2/from").asText()).isEqualTo("gpt");
        assertThat(line.at("/conversations/2/value").asText()).isEqualTo("1. How many eggs are left?\n2. How much money is that?");
    }

    @Test
    void theManifestCountsAddUpAndNamesEachFilesHash() throws IOException {
        List<DistillExample> examples = new ArrayList<>(List.of(right, direct, failed,
                teacher("p4", QUESTION.toUpperCase(), CORRECT, 400), teacher("p5", "How far is 3 km plus 4 km?", UNLABELLED, 500)));
        IntStream.range(0, 40).forEach(i -> examples.add(teacher("g" + i, "Question number " + i + "?", i % 3 == 0 ? INCORRECT : CORRECT, 1000 + i)));
        exporter.export(examples, request.withValidShare(0.25), dir);

        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("generatedAtMs").asLong()).isEqualTo(42L);
        assertThat(m.get("format").asText()).isEqualTo("messages");
        assertThat(m.get("teacherArm").asText()).isEqualTo("teacher");
        assertThat(m.get("teacherModels")).containsExactly(JSON.getNodeFactory().textNode("sim-teacher"));
        assertThat(m.at("/promptTemplateSha256/default").asText()).isEqualTo(sha256(String.join("\u0000",
                Prompts.template("decompose.system.txt"), Prompts.template("decompose.user.txt"))));
        assertThat(m.at("/datasets/gsm8k/0").asText()).isEqualTo("train");
        assertThat(m.at("/timeRange/fromMs").asLong()).isEqualTo(100);
        assertThat(m.at("/timeRange/toMs").asLong()).isEqualTo(1039);
        for (String mode : List.of("sdt", "sdr")) {
            JsonNode c = m.at("/exports/" + mode);
            long dropped = 0;
            for (JsonNode d : c.get("dropped")) dropped += d.asLong();
            assertThat(c.get("read").asLong()).isEqualTo(examples.size());
            assertThat(c.get("kept").asLong() + dropped).as(mode + ": read = kept + dropped").isEqualTo(c.get("read").asLong());
            assertThat(c.get("train").asLong() + c.get("valid").asLong()).isEqualTo(c.get("kept").asLong());
            for (String file : List.of(mode + ".jsonl", mode + ".valid.jsonl")) {
                Path f = dir.resolve(file);
                assertThat(m.at("/files/" + file.replace("/", "~1") + "/sha256").asText()).isEqualTo(sha256(Files.readAllBytes(f)));
                assertThat(m.at("/files/" + file + "/lines").asInt()).isEqualTo(lines(f).size());
            }
            assertThat(lines(dir.resolve(mode + ".jsonl"))).hasSize(c.get("train").asInt());
            assertThat(lines(dir.resolve(mode + ".valid.jsonl"))).hasSize(c.get("valid").asInt());
        }
        assertThat(m.at("/exports/sdt/dropped/failed").asInt()).isEqualTo(1);
        assertThat(m.at("/exports/sdt/dropped/duplicate").asInt()).isEqualTo(1);
        assertThat(m.at("/exports/sdt/kept").asInt()).isEqualTo(43);
        assertThat(m.at("/exports/sdr/kept").asInt()).isEqualTo(1 + 26);
        assertThat(m.at("/exports/sdr/dropped/incorrect").asInt()).isEqualTo(1 + 14);
        assertThat(m.at("/exports/sdr/dropped/unlabelled").asInt()).isEqualTo(1);
        assertThat(m.at("/exports/sdt/valid").asInt()).as("a quarter, give or take, in validation").isBetween(4, 20);
    }

    @Test
    void theValidationSplitIsChosenByTheQuestionAloneSoItIsTheSameInEveryExport() throws IOException {
        List<DistillExample> first = IntStream.range(0, 60).mapToObj(i -> teacher("a" + i, "Question " + i + "?", CORRECT, i)).toList();
        // Later traffic: the same questions asked again under other ids, plus new ones.
        List<DistillExample> second = IntStream.range(0, 90).mapToObj(i -> teacher("b" + i, "question  " + i + "?", CORRECT, 500 + i)).toList();
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        exporter.export(first, request.withValidShare(0.3), a);
        exporter.export(second, request.withValidShare(0.3), b);

        Set<String> validA = userTexts(a.resolve("sdt.valid.jsonl"));
        Set<String> trainB = userTexts(b.resolve("sdt.jsonl"));
        Set<String> validB = userTexts(b.resolve("sdt.valid.jsonl"));
        assertThat(validA).isNotEmpty();
        assertThat(validB).containsAll(validA.stream().map(s -> s.replace("Question ", "question  ")).toList());
        assertThat(trainB).doesNotContainAnyElementsOf(validB);
    }

    @Test
    void preferencesPairARightAndAWrongDecompositionOfOneQuestion() throws IOException {
        DistillExample shadowWrong = with(teacher("p1", QUESTION, INCORRECT, 150), b -> b.setArm("student").setShadow(true)
                .setSubquestions(List.of("How many eggs did she eat?")));
        DistillExample studentWrong = with(teacher("p9", "What is 7 times 6?", INCORRECT, 250),
                b -> b.setArm("student").setDecomposerArm("student").setSubquestions(List.of("What is 7 plus 6?")));
        exporter.export(List.of(right, shadowWrong, direct, studentWrong), request.withPreferences(true), dir);

        List<JsonNode> prefs = lines(dir.resolve("preferences.jsonl"));
        assertThat(prefs).hasSize(1);
        JsonNode p = prefs.get(0);
        assertThat(names(p)).containsExactly("prompt", "chosen", "rejected");
        List<ChatMessage> sent = Prompts.decompose(QUESTION, "default");
        assertThat(p.at("/prompt/0/role").asText()).isEqualTo("system");
        assertThat(p.at("/prompt/0/content").asText()).isEqualTo(sent.get(0).content());
        assertThat(p.at("/prompt/1/role").asText()).isEqualTo("user");
        assertThat(p.at("/prompt/1/content").asText()).isEqualTo(sent.get(1).content());
        assertThat(p.at("/chosen/0/role").asText()).isEqualTo("assistant");
        assertThat(p.at("/chosen/0/content").asText()).isEqualTo("1. How many eggs are left?\n2. How much money is that?");
        assertThat(p.at("/rejected/0/content").asText()).isEqualTo("1. How many eggs did she eat?");
        JsonNode m = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.at("/preferences/pairs").asInt()).isEqualTo(1);
        assertThat(m.at("/files/preferences.jsonl/sha256").asText()).isEqualTo(sha256(Files.readAllBytes(dir.resolve("preferences.jsonl"))));
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) out.add(JSON.readTree(line));
        return out;
    }

    private static Set<String> userTexts(Path file) throws IOException {
        Set<String> out = new java.util.HashSet<>();
        for (JsonNode n : lines(file)) out.add(n.at("/messages/1/content").asText());
        return out;
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
