package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** DROP, Bamboogle and GSM8K files mixed in one run: every metric broken down by dataset beside the totals. */
class MixedDatasetsRunTest {

    @TempDir
    Path dir;

    private Path write(String name, List<String> lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    private Path dropFile() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String passage = "In week " + i + " the Raiders beat the Houston Texans. Kris Brown kicked " + (i + 1)
                    + " field goals and Chaz Schilens caught " + (i + 4) + " passes.";
            lines.add("{\"id\": \"drop-" + i + "\", \"passage_id\": \"nfl_" + i + "\", \"passage\": \"" + passage
                    + "\", \"question\": \"How many field goals did Kris Brown kick?\", \"answers\": [{\"number\": \"" + (i + 1)
                    + "\", \"date\": {\"day\": \"\", \"month\": \"\", \"year\": \"\"}, \"spans\": []}]}");
        }
        return write("dev-slice.jsonl", lines);
    }

    private Path bamboogleFile() throws Exception {
        List<String> lines = new ArrayList<>();
        String[][] qa = {{"Who was president when the first bank of the city opened?", "James Madison"},
                {"What rocket launched the first probe to the ice giant?", "Titan IIIE"}, {"Who wrote the anthem's tune?", "John Stafford Smith"},
                {"Which river flows through the capital of the largest country?", "Moskva"}, {"Who founded the company that makes the phone?", "Steve Jobs"},
                {"What is the currency of the country where the tower stands?", "Euro"}};
        for (int i = 0; i < qa.length; i++) {
            lines.add(String.format("{\"id\": \"bamboogle-%03d\", \"question\": \"%s\", \"answers\": [\"%s\"]}", i + 1, qa[i][0], qa[i][1]));
        }
        return write("test.jsonl", lines);
    }

    private Path gsm8kFile() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            lines.add("{\"question\": \"A farmer has " + (10 * i) + " hens and buys " + i + " more. How many hens does the farmer have now?\", "
                    + "\"answer\": \"" + (10 * i) + " + " + i + " = " + (11 * i) + "\\n#### " + (11 * i) + "\"}");
        }
        return write("gsm8k.jsonl", lines);
    }

    @Test
    void reportBreaksEveryMetricDownByDatasetBesideTheTotals() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Path json = dir.resolve("r.json");
        int code = new CommandLine(new RunCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of())).execute(
                "--input", dropFile().toString(), "--input", bamboogleFile().toString(), "--input", gsm8kFile().toString(),
                "--limit", "4", "--report-json", json.toString(), "--state-dir", dir.resolve("state").toString(), "--no-dashboard");
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("12 problems {drop=4, bamboogle=4, gsm8k=4}").contains("per dataset").contains("SIMULATED");

        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("problems_loaded").asInt()).isEqualTo(12);
        assertThat(r.get("problems_scored").asInt()).isEqualTo(12);
        int total = 0;
        for (JsonNode arm : (Iterable<JsonNode>) r.get("arms")::elements) total += arm.get("problems").asInt();
        assertThat(total).as("the totals stay").isEqualTo(12);

        JsonNode datasets = r.get("datasets");
        assertThat(datasets.fieldNames()).toIterable().containsExactly("bamboogle", "drop", "gsm8k");
        Map<String, List<String>> measures = Map.of("drop", List.of("em", "f1"), "bamboogle", List.of("cover_em", "em"), "gsm8k", List.of("em"));
        Map<String, String> metrics = Map.of("drop", "drop", "bamboogle", "cover_em", "gsm8k", "gsm8k_exact_match");
        for (String name : List.of("drop", "bamboogle", "gsm8k")) {
            JsonNode d = datasets.get(name);
            assertThat(d.get("metric").asText()).isEqualTo(metrics.get(name));
            assertThat(d.get("verdicts").isArray()).isTrue();
            int problems = 0;
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) d.get("arms")::fields) {
                assertThat(e.getKey()).isIn("teacher", "student");
                JsonNode arm = e.getValue();
                problems += arm.get("problems").asInt();
                assertThat(arm.get("labelled").asInt()).isEqualTo(arm.get("problems").asInt());
                assertThat(arm.get("measures").fieldNames()).toIterable().as(name).containsExactlyElementsOf(measures.get(name));
                for (String m : measures.get(name)) {
                    assertThat(arm.get("measures").get(m).asDouble()).as(name + " " + m).isBetween(0.0, 1.0);
                }
                assertThat(arm.get("accuracy").asDouble()).as("the value measure's mean")
                        .isEqualTo(arm.get("measures").get(d.get("value_measure").asText()).asDouble());
                assertThat(arm.get("correct_share").asDouble()).isEqualTo(arm.get("correct").asDouble() / arm.get("labelled").asInt());
                assertThat(arm.get("cost_per_problem_usd").asDouble()).isPositive();
                assertThat(arm.get("prompt_tokens").asLong()).isPositive();
            }
            assertThat(problems).as(name + " problems over the arms").isEqualTo(4);
        }
    }

    @Test
    void anUnknownDatasetNameIsAClearError() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new CommandLine(new RunCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .execute("--input", gsm8kFile().toString(), "--dataset", "squad");
        assertThat(code).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("unknown --dataset squad; known: [gsm8k, drop, bamboogle, custom]");
    }
}
