package io.divconq.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.datasets.metric.Judgement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void definitionsSayHowEachDatasetIsScored() {
        assertThat(List.of("gsm8k", "drop", "bamboogle", "custom")).allSatisfy(n -> assertThat(Datasets.names()).contains(n));
        DatasetDefinition drop = Datasets.get("drop");
        assertThat(drop.prompt()).isEqualTo(PromptVariant.PASSAGE);
        assertThat(drop.answer()).isEqualTo(AnswerFormat.SPANS);
        assertThat(List.of(drop.value(), drop.correct())).containsExactly("f1", "em");
        DatasetDefinition bamboogle = Datasets.get("BAMBOOGLE");
        assertThat(List.of(bamboogle.value(), bamboogle.correct())).containsExactly("cover_em", "cover_em");
        assertThat(Datasets.get("my-faq").name()).isEqualTo("my-faq");
        assertThat(Datasets.get("my-faq").metric()).isEqualTo("normalized_exact_match");
    }

    @Test
    void dropFinalAnswerIsSplitIntoSpans() {
        DatasetDefinition drop = Datasets.get("drop");
        List<List<String>> gold = List.of(List.of("Chaz Schilens", "Johnnie Lee Higgins"));
        Judgement j = drop.judge("Johnnie Lee Higgins; Chaz Schilens", gold);
        assertThat(j).isEqualTo(new Judgement(Map.of("em", 1.0, "f1", 1.0)));
        assertThat(drop.isCorrect(j)).isTrue();
        Judgement half = drop.judge("Chaz Schilens", gold);
        assertThat(drop.valueOf(half)).isEqualTo(0.5);
        assertThat(drop.isCorrect(half)).isFalse();
    }

    @Test
    void filesAreRecognisedFromTheirFirstLine() throws Exception {
        Path drop = write("dev.jsonl", """
                {"id": "q1", "passage_id": "nfl_1", "passage": "The Raiders kicked 3 field goals.", "question": "How many field goals?", "answers": [{"number": "3", "date": {"day": "", "month": "", "year": ""}, "spans": []}, {"number": "", "date": {"day": "", "month": "", "year": ""}, "spans": ["three"]}]}
                not json
                """);
        DatasetFile.Loaded d = DatasetFile.read(drop, null, 0);
        assertThat(d.dataset().name()).isEqualTo("drop");
        assertThat(d.items()).containsExactly(new DatasetItem("q1", "drop", "How many field goals?", "The Raiders kicked 3 field goals.",
                List.of(List.of("3"), List.of("three")), Map.of("passage_id", "nfl_1"), "dev"));
        assertThat(d.rejected()).singleElement().asString().startsWith("dev.jsonl:2: ");

        Path bamboogle = write("test.jsonl", "{\"id\": \"bamboogle-001\", \"question\": \"Who?\", \"answers\": [\"james madison\"]}\n");
        assertThat(DatasetFile.read(bamboogle, null, 0).items()).containsExactly(
                new DatasetItem("bamboogle-001", "bamboogle", "Who?", null, List.of(List.of("james madison")), Map.of(), "test"));

        Path gsm = write("gsm.jsonl", "{\"question\": \"How many?\", \"answer\": \"2 + 2 = 4\\n#### 4\"}\n{\"question\": \"And?\", \"answer\": \"#### 5\"}\n");
        DatasetFile.Loaded g = DatasetFile.read(gsm, null, 1);
        assertThat(g.items()).containsExactly(new DatasetItem("gsm-1", "gsm8k", "How many?", null, List.of(List.of("4")), Map.of()));

        Path namedDrop = write("named.jsonl", "{\"id\": \"n1\", \"dataset\": \"drop\", \"passage\": \"P.\", \"question\": \"Q?\", "
                + "\"answers\": [{\"spans\": [\"a\", \"b\"]}]}\n");
        assertThat(DatasetFile.read(namedDrop, null, 0).items()).containsExactly(
                new DatasetItem("n1", "drop", "Q?", "P.", List.of(List.of("a", "b")), Map.of()));

        Path own = write("own.jsonl", "{\"id\": \"s1\", \"dataset\": \"gsm8k\", \"question\": \"Q?\", \"answer\": \"#### 19\"}\n");
        assertThat(DatasetFile.read(own, null, 0).items()).containsExactly(
                new DatasetItem("s1", "gsm8k", "Q?", null, List.of(List.of("19")), Map.of()));
    }

    @Test
    void aLinesSplitComesFromItsOwnFieldElseTheOneGivenElseTheFileName() throws Exception {
        Path train = write("train.jsonl", "{\"question\": \"How many?\", \"answer\": \"#### 4\"}\n"
                + "{\"question\": \"And?\", \"answer\": \"#### 5\", \"split\": \"validation\"}\n");
        assertThat(DatasetFile.read(train, null, 0).items()).containsExactly(
                new DatasetItem("train-1", "gsm8k", "How many?", null, List.of(List.of("4")), Map.of(), "train"),
                new DatasetItem("train-2", "gsm8k", "And?", null, List.of(List.of("5")), Map.of(), "validation"));
        assertThat(DatasetFile.read(train, null, "holdout", 0).items()).extracting(DatasetItem::split).containsExactly("holdout", "validation");

        Path socratic = write("test_socratic.jsonl", "{\"question\": \"Q?\", \"answer\": \"#### 1\"}\n");
        assertThat(DatasetFile.read(socratic, null, 0).items()).extracting(DatasetItem::split).containsExactly("test");
        Path own = write("faq.jsonl", "{\"id\": \"f1\", \"question\": \"Q?\", \"gold\": \"A\", \"split\": \"train\"}\n"
                + "{\"id\": \"f2\", \"question\": \"R?\", \"gold\": \"B\"}\n");
        assertThat(DatasetFile.read(own, null, 0).items()).containsExactly(
                new DatasetItem("f1", "custom", "Q?", null, List.of(List.of("A")), Map.of(), "train"),
                new DatasetItem("f2", "custom", "R?", null, List.of(List.of("B")), Map.of(), null));
    }

    @Test
    void fileNamesNameTheirSplitByTheirFirstSplitWord() {
        assertThat(DatasetSplit.ofFileName("train.jsonl")).isEqualTo("train");
        assertThat(DatasetSplit.ofFileName("test.jsonl")).isEqualTo("test");
        assertThat(DatasetSplit.ofFileName("test_socratic.jsonl")).isEqualTo("test");
        assertThat(DatasetSplit.ofFileName("dev-slice.jsonl")).isEqualTo("dev");
        assertThat(DatasetSplit.ofFileName("gsm8k-Train-slice.jsonl")).isEqualTo("train");
        assertThat(DatasetSplit.ofFileName("my_validation_set.jsonl")).isEqualTo("validation");
        assertThat(DatasetSplit.ofFileName("problems.jsonl")).isNull();
        assertThat(DatasetSplit.ofFileName("contest.jsonl")).isNull();
    }

    @Test
    void theSharedDatasetFilesReadAsTheirSplits() throws Exception {
        Path data = Path.of(System.getProperty("divconq.shared.dir", "../../shared")).resolve("data");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(data), "shared data not found at " + data.toAbsolutePath());
        assertThat(split(data.resolve("gsm8k/train.jsonl"))).isEqualTo("train");
        assertThat(split(data.resolve("gsm8k/test.jsonl"))).isEqualTo("test");
        assertThat(split(data.resolve("gsm8k/test_socratic.jsonl"))).isEqualTo("test");
        assertThat(split(data.resolve("drop/dev-slice.jsonl"))).isEqualTo("dev");
        assertThat(split(data.resolve("bamboogle/test.jsonl"))).isEqualTo("test");
    }

    private static String split(Path file) throws Exception {
        DatasetFile.Loaded l = DatasetFile.read(file, null, 3);
        assertThat(l.items()).hasSize(3);
        assertThat(l.items()).extracting(DatasetItem::split).containsOnly(l.items().get(0).split());
        return l.items().get(0).split();
    }

    @Test
    void aNamedDatasetOverridesRecognition() throws Exception {
        Path file = write("faq.jsonl", "{\"question\": \"Capital of France?\", \"gold\": [\"Paris\", \"paris, france\"]}\n");
        DatasetFile.Loaded l = DatasetFile.read(file, "bamboogle", 0);
        assertThat(l.dataset().name()).isEqualTo("bamboogle");
        assertThat(l.items()).isEmpty();
        assertThat(l.rejected()).containsExactly("faq.jsonl:1: no \"answers\" list");
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
