package io.divconq.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void onATerminalRewritesOneLineAndEndsItOnce() {
        ProgressLine line = new ProgressLine(out, true);
        line.update("1 s  ", "scored 1/3");
        line.update("2 s  ", "scored 1/3");
        line.update("3 s  ", "scored 3/3 all");
        line.finish("scored 3/3");
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r1 s  scored 1/3\r2 s  scored 1/3\r3 s  scored 3/3 all\rscored 3/3         " + System.lineSeparator());
    }

    @Test
    void elsewherePrintsEachDistinctStateOnce() {
        ProgressLine line = new ProgressLine(out, false);
        line.update("1 s  ", "scored 1/3");
        line.update("2 s  ", "scored 1/3");
        line.update("3 s  ", "scored 3/3");
        line.finish("scored 3/3");
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .isEqualTo("1 s  scored 1/3" + System.lineSeparator() + "3 s  scored 3/3" + System.lineSeparator());
    }
}
