package io.divconq.launcher;

import java.util.concurrent.CountDownLatch;

/** For commands that serve until the process is told to stop (Ctrl-C, SIGTERM from Docker or Kubernetes). */
final class Shutdown {

    private Shutdown() {
    }

    /** Blocks until the JVM begins to shut down. */
    static void await() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "divconq-shutdown"));
        stop.await();
    }
}
