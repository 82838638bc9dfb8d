package io.divconq.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs `divconq run` in this JVM for tests in other packages, capturing what it prints. */
public final class RunCommandAccess {

    private RunCommandAccess() {
    }

    public record Result(int code, String output) {
    }

    public static Result run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new CommandLine(new RunCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    }
}
