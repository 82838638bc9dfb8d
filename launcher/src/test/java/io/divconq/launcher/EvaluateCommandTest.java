package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private static final String EMPTY_DATE = "\"date\": {\"day\": \"\", \"month\": \"\", \"year\": \"\"}";

    @Test
    void scoresDropPredictionsPerItemAndOnAverage() throws Exception {
        Path gold = dir.resolve("gold.jsonl");
        Files.writeString(gold, String.join("\n",
                "{\"id\": \"q1\", \"passage\": \"p\", \"question\": \"How many?\", \"answers\": [{\"number\": \"3\", " + EMPTY_DATE + ", \"spans\": []}]}",
                "{\"id\": \"q2\", \"passage\": \"p\", \"question\": \"Who?\", \"answers\": [{\"number\": \"\", " + EMPTY_DATE
                        + ", \"spans\": [\"Chaz Schilens\", \"Johnnie Lee Higgins\"]}]}",
                "{\"id\": \"q3\", \"passage\": \"p\", \"question\": \"Who else?\", \"answers\": [{\"number\": \"\", " + EMPTY_DATE
                        + ", \"spans\": [\"Kris Brown\"]}]}",
                ""));
        Path predictions = dir.resolve("predictions.jsonl");
        Files.writeString(predictions, String.join("\n",
                "{\"id\": \"q1\", \"prediction\": \"3.0\"}",
                "{\"id\": \"q2\", \"prediction\": [\"Chaz Schilens\"]}",
                "{\"id\": \"q9\", \"prediction\": \"x\"}",
                ""));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new CommandLine(new EvaluateCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8))).execute(
                "--dataset", "drop", "--gold", gold.toString(), "--predictions", predictions.toString(),
                "--per-item", dir.resolve("items.jsonl").toString(), "--report-json", dir.resolve("r.json").toString());
        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("items.jsonl"))).containsExactly(
                "{\"id\":\"q1\",\"em\":1.0,\"f1\":1.0,\"correct\":true}",
                "{\"id\":\"q2\",\"em\":0.0,\"f1\":0.5,\"correct\":false}",
                "{\"id\":\"q3\",\"em\":0.0,\"f1\":0.0,\"correct\":false,\"missing\":true}");
        assertThat(Files.readString(dir.resolve("r.json")).replaceAll("\\s", "")).isEqualTo(
                "{\"dataset\":\"drop\",\"metric\":\"drop\",\"items\":3,\"em\":0.3333333333333333,\"f1\":0.5,"
                        + "\"accuracy\":0.3333333333333333,\"missing_predictions\":1,\"unmatched_predictions\":1,"
                        + "\"unreadable_gold_lines\":0,\"prediction_problems\":0}");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("drop (drop metric) over 3 gold items: {em=33.33, f1=50.00}")
                .contains("1 gold items have no prediction and score 0").contains("1 predictions match no gold item, e.g. q9");
    }

    @Test
    void bamboogleRecordsExactAndCoverMatch() throws Exception {
        Path gold = dir.resolve("b.jsonl");
        Files.writeString(gold, "{\"id\": \"b1\", \"question\": \"Q?\", \"answers\": [\"James Madison\"]}\n");
        Path predictions = dir.resolve("p.jsonl");
        Files.writeString(predictions, "{\"id\": \"b1\", \"prediction\": \"It was James Madison.\"}\nnot json\n");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new CommandLine(new EvaluateCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8))).execute(
                "--dataset", "bamboogle", "--gold", gold.toString(), "--predictions", predictions.toString(),
                "--per-item", dir.resolve("items.jsonl").toString());
        assertThat(code).as("an unreadable prediction line is reported and fails the run").isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("items.jsonl"))).containsExactly("{\"id\":\"b1\",\"cover_em\":1.0,\"em\":0.0,\"correct\":true}");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("predictions: p.jsonl:2: ");
    }
}
