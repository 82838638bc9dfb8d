package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.launcher.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command: the whole pipeline on the embedded default, reporting per arm. */
class RunCommandTest {

    @Test
    void runsTheSampleProblemsEndToEndOnTheEmbeddedDefault(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Path json = dir.resolve("r.json");
        int code = new CommandLine(new RunCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .execute("--input", TestData.samples().toString(), "--limit", "12", "--report-json", json.toString(),
                        "--state-dir", dir.resolve("state").toString());
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("arm", "accuracy", "$/problem", "end-to-end p50", "pipeline p50", "total $", "SIMULATED");
        assertThat(out.lines().filter(l -> l.contains("scored ")).map(l -> l.replaceFirst("^\\s*[0-9.]+ s\\s+", "")).toList())
                .as("each progress state once").doesNotHaveDuplicates().last().asString().startsWith("scored 12/12");

        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("problems_loaded").asInt()).isEqualTo(12);
        assertThat(r.get("problems_scored").asInt()).isEqualTo(12);
        assertThat(r.get("simulated").asBoolean()).isTrue();
        JsonNode arms = r.get("arms");
        int problems = 0;
        for (JsonNode arm : (Iterable<JsonNode>) arms::elements) {
            problems += arm.get("problems").asInt();
            assertThat(arm.get("accuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(arm.get("cost_usd_decompose").asDouble()).isPositive();
            assertThat(arm.get("cost_usd_solve").asDouble()).isPositive();
            assertThat(arm.get("prompt_tokens").asLong()).isPositive();
            assertThat(arm.get("completion_tokens").asLong()).isPositive();
            assertThat(arm.get("pipeline_latency_p50_ms").asLong()).as("the pipeline's own latency is part of the end-to-end one")
                    .isPositive().isLessThanOrEqualTo(arm.get("latency_p50_ms").asLong());
        }
        assertThat(problems).isEqualTo(12);
        assertThat(arms.fieldNames()).toIterable().containsExactlyInAnyOrder("teacher", "student");
    }

    @Test
    void missingInputFileIsAClearErrorNotAStackTrace() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new CommandLine(new RunCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .execute("--input", "does/not/exist.jsonl");
        assertThat(code).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("cannot read --input");
    }

    @Test
    void anUnreachableModelEndpointIsNamedInOneLineAndRunExits2BeforeSendingAnything() throws Exception {
        int freePort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new CommandLine(new RunCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .execute("--input", TestData.samples().toString(), "--limit", "3",
                        "--bootstrap-servers", io.divconq.launcher.testing.SharedKafka.bootstrapServers(),
                        "--llm-url", "http://127.0.0.1:" + freePort + "/v1");
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isEqualTo(2);
        assertThat(out.lines().filter(l -> l.startsWith("unreachable: "))).singleElement().asString()
                .startsWith("unreachable: endpoint 'default' at http://127.0.0.1:" + freePort + "/v1 (ConnectException");
        assertThat(out).doesNotContain("problems sent");
    }

    @Test
    void theStartingLineCountsRunningStreamsAndNamesTheOthersByState() {
        var states = new java.util.LinkedHashMap<String, String>();
        states.put("decomposer", "RUNNING");
        states.put("solver", "RUNNING");
        states.put("scorer", "REBALANCING");
        states.put("distill", "REBALANCING");
        states.put("gateway", "CREATED");
        assertThat(RunCommand.startingState(states)).isEqualTo("2 of 5 running; gateway CREATED; scorer, distill REBALANCING");
    }
}
