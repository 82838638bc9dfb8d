package io.divconq.util;

/**
 * JVM settings every divconq process needs, applied first thing in {@code main} (before any HTTP server or
 * {@code CompletableFuture} is touched). An explicit {@code -D} on the command line wins.
 */
public final class ProcessDefaults {

    /** Read once by {@code ForkJoinPool} when the common pool is first used. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private ProcessDefaults() {
    }

    /**
     * The JDK HTTP server otherwise waits on Nagle for small replies. Read once, when the first server is made: every
     * divconq HTTP server calls this before creating one, so embedded use (tests, the simulator alone) gets it too.
     */
    public static void httpServerNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static void apply() {
        httpServerNoDelay();
        // With 2 cores the common pool gets parallelism 1, and CompletableFuture then runs every default-executor
        // async stage on a new thread; the JDK HttpClient completes each response body that way (measured: one
        // thread started per model call, ~540 threads/s and ~0.8 cores at 270 problems/s).
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(parallelism));
        }
    }
}
