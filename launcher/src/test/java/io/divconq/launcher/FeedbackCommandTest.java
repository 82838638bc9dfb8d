package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.launcher.testing.SharedKafka;
import io.divconq.launcher.testing.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `divconq feedback` against a real broker: bad lines and labels that cannot be written are reported, never lost silently. */
class FeedbackCommandTest {

    private final String prefix = "feedback" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @Test
    void sendsGoodLabelsAndReportsBadLinesAndUndeliverableLabels(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, String.join("\n",
                "{\"id\": \"p1\", \"correct\": true}",
                "{\"id\": \"p2\", \"answer\": \"42\"}",
                "{\"id\": \"p3\"}",
                "{\"id\": \"p4\", \"answer\": \"" + "9".repeat(2_000_000) + "\"}") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new Divconq()).execute("feedback", "--bootstrap-servers", SharedKafka.bootstrapServers(),
                    "--schema-registry-url", "mock://" + prefix, "--topic-prefix", prefix, "--input", labels.toString());
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("labels.jsonl:3: needs \"id\" and \"correct\" (true/false) or \"answer\"")
                .contains("feedback: 1 of 3 labels could not be written to " + prefix + "feedback: ")
                .contains("RecordTooLargeException");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("sent 2 labels to " + prefix + "feedback; rejected 1"
                + System.lineSeparator());
        assertThat(TopicReader.countByKey(SharedKafka.bootstrapServers(), prefix + "feedback", Duration.ofSeconds(2)))
                .isEqualTo(Map.of("p1", 1, "p2", 1));
    }
}
