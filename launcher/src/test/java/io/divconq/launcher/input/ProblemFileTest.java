package io.divconq.launcher.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemFileTest {

    @TempDir
    Path dir;

    @Test
    void aLineThatIsNotUtf8IsSkippedWithFileLineAndReasonAndTheRestIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("{\"id\":\"a\",\"question\":\"Über 2+2?\",\"answer\":\"#### 4\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"id\":\"b\",\"question\":\"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // a broken two-byte sequence
        bytes.write("?\",\"answer\":\"#### 1\"}\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("not json\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"id\":\"c\",\"question\":\"3+3?\",\"answer\":\"#### 6\"}".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("mixed.jsonl");
        Files.write(file, bytes.toByteArray());

        ProblemFile.Loaded loaded = ProblemFile.read(file, 0);

        assertThat(loaded.problems()).extracting(Problem::getQuestion).containsExactly("Über 2+2?", "3+3?");
        assertThat(loaded.problems()).extracting(p -> p.getGoldAnswers().get(0)).containsExactly("4", "6");
        assertThat(loaded.rejected()).hasSize(2);
        assertThat(loaded.rejected().get(0)).isEqualTo("mixed.jsonl:2: not valid UTF-8 (Input length = 1)");
        assertThat(loaded.rejected().get(1)).startsWith("mixed.jsonl:3: Unrecognized token 'not'");
    }

    @Test
    void eachProblemCarriesItsSplitFromItsLineTheSplitOptionOrTheFileName() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Files.writeString(train, "{\"question\": \"2+2?\", \"answer\": \"#### 4\"}\n"
                + "{\"question\": \"3+3?\", \"answer\": \"#### 6\", \"split\": \"test\"}\n");
        Path drop = dir.resolve("dev-slice.jsonl");
        Files.writeString(drop, "{\"id\": \"q1\", \"passage_id\": \"nfl_1\", \"passage\": \"Three field goals.\", "
                + "\"question\": \"How many field goals?\", \"answers\": [{\"number\": \"3\"}]}\n");

        ProblemFile.Loaded loaded = ProblemFile.read(List.of(train, drop), null, 0);

        assertThat(loaded.problems()).containsExactly(
                Problem.newBuilder().setId("train-1").setDataset("gsm8k").setQuestion("2+2?").setContext(null)
                        .setGoldAnswers(List.of("4")).setGoldSpans(List.of()).setCreatedAtMs(0L).setAttributes(Map.of()).setSplit("train").build(),
                Problem.newBuilder().setId("train-2").setDataset("gsm8k").setQuestion("3+3?").setContext(null)
                        .setGoldAnswers(List.of("6")).setGoldSpans(List.of()).setCreatedAtMs(0L).setAttributes(Map.of()).setSplit("test").build(),
                Problem.newBuilder().setId("q1").setDataset("drop").setQuestion("How many field goals?").setContext("Three field goals.")
                        .setGoldAnswers(List.of("3")).setGoldSpans(List.of(List.of("3"))).setCreatedAtMs(0L)
                        .setAttributes(Map.of("passage_id", "nfl_1")).setSplit("dev").build());
        assertThat(ProblemFile.read(List.of(train, drop), null, "train", 0).problems()).extracting(Problem::getSplit)
                .containsExactly("train", "test", "train");
    }
}
