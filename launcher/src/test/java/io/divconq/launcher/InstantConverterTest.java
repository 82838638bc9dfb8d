package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** One reading of --since for every command that takes it: an ISO-8601 instant or epoch milliseconds. */
class InstantConverterTest {

    @Test
    void readsIsoInstantsAndEpochMillis() {
        InstantConverter c = new InstantConverter();
        assertThat(c.convert("1796047508422")).isEqualTo(Instant.ofEpochMilli(1796047508422L));
        assertThat(c.convert("2026-11-30T12:00:00Z")).isEqualTo(Instant.ofEpochMilli(1796040000000L));
        assertThatThrownBy(() -> c.convert("yesterday"))
                .hasMessage("not an ISO-8601 instant (2026-11-30T12:00:00Z) or epoch milliseconds: 'yesterday'");
    }

    @Test
    void dlqReplayAndExportSftReadSinceTheSameWay() {
        for (List<String> command : List.of(List.of("dlq", "replay"), List.of("export-sft", "--mode", "sdt", "--out", "x"))) {
            for (String since : List.of("1796040000000", "2026-11-30T12:00:00Z")) {
                List<String> args = new java.util.ArrayList<>(command);
                args.addAll(List.of("--since", since));
                ParseResult parsed = new CommandLine(new Divconq()).setCaseInsensitiveEnumValuesAllowed(true)
                        .parseArgs(args.toArray(String[]::new));
                ParseResult leaf = parsed;
                while (leaf.hasSubcommand()) leaf = leaf.subcommand();
                assertThat(leaf.matchedOptionValue("--since", (Instant) null)).as("%s", args)
                        .isEqualTo(Instant.ofEpochMilli(1796040000000L));
            }
        }
    }
}
