package io.divconq.common.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory under the system's temp directory that is removed when closed, or when the JVM exits (Ctrl-C
 * included) if it was not closed first.
 */
public final class TempDirectory implements AutoCloseable {

    private final Path path;
    private final Thread onExit;

    private TempDirectory(Path path) {
        this.path = path;
        this.onExit = new Thread(() -> delete(path), "divconq-temp-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    public static TempDirectory create(String prefix) {
        try {
            return new TempDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory", e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) anyway.
        }
        delete(path);
    }

    /** Deletes a directory tree, best effort: what cannot be deleted stays. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
