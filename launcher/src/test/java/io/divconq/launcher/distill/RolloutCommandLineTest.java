package io.divconq.launcher.distill;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.embedded.LocalServices;
import io.divconq.launcher.testing.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** rollout pause/abort go to experiment-control with the arm and reason; rollout status shows them in order. */
class RolloutCommandLineTest {

    @Test
    void commandsAreRecordedAndStatusListsThem(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("divconq.yaml"), """
                experiment:
                  arms:
                    - {name: teacher, weight: 100, model: sim-teacher}
                    - {name: student, weight: 2, model: sim-student, rollout: {steps: [0.01, 0.5], minResults: 10}}
                """);
        try (LocalServices local = new LocalServices()) {
            List<String> common = List.of("--config", config.toString(), "--bootstrap-servers", SharedKafka.bootstrapServers(),
                    "--schema-registry-url", local.startRegistry().url(), "--topic-prefix", "rc" + UUID.randomUUID().toString().substring(0, 8) + ".");
            assertThat(run(common, "pause", "--reason", "checking answers").code()).isZero();
            assertThat(run(common, "abort", "--reason", "wrong answers reported").code()).isZero();
            assertThat(run(common, "pause").code()).as("a reason is required").isEqualTo(2);
            assertThat(run(common, "status", "--arm", "teacher").code()).as("teacher has no rollout").isEqualTo(2);

            Result status = run(common, "status");
            assertThat(status.code()).isZero();
            List<String> lines = status.output().lines().toList();
            assertThat(lines.get(0)).isEqualTo("rollout of student: steps [0.01, 0.5], at least 10 results per step, cost must be better: true");
            assertThat(lines).filteredOn(l -> l.contains("rollout:")).satisfiesExactly(
                    l -> assertThat(l).containsPattern("rollout:pause:student +2\\.000 +checking answers$"),
                    l -> assertThat(l).containsPattern("rollout:abort:student +0\\.000 +wrong answers reported$"));
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> common, String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        int code = new CommandLine(new RolloutCommandLine(new PrintStream(buffer, true, StandardCharsets.UTF_8)))
                .execute(all.toArray(String[]::new));
        return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    }
}
