package io.divconq.launcher.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared GSM8K data is (never copied into the repository). */
public final class TestData {

    private TestData() {
    }

    public static Path sharedDir() {
        return Path.of(System.getProperty("divconq.shared.dir", "../../shared"));
    }

    /** GSM8K's test.jsonl; the test is skipped when ../shared is not beside the checkout. */
    public static Path gsm8kTest() {
        return gsm8k("test.jsonl");
    }

    /** GSM8K's train.jsonl; skipped likewise. */
    public static Path gsm8kTrain() {
        return gsm8k("train.jsonl");
    }

    private static Path gsm8k(String file) {
        Path p = sharedDir().resolve("data/gsm8k").resolve(file);
        Skip.unless(Files.isReadable(p), "GSM8K data not found at " + p.toAbsolutePath().normalize()
                + " (give its parent with -Ddivconq.shared.dir=...)");
        return p;
    }

    /** The sample problems shipped with divconq. */
    public static Path samples() {
        Path p = Path.of("../samples/problems.jsonl");
        return Files.isReadable(p) ? p : Path.of("samples/problems.jsonl");
    }
}
