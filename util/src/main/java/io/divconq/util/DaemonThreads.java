package io.divconq.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so a pool nobody shut down never keeps the JVM alive. The one factory divconq uses. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads named {@code namePrefix-1}, {@code namePrefix-2}, ... */
    public static ThreadFactory factory(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A small bounded pool of such threads that exit when idle for 30 s. */
    public static ExecutorService pool(String namePrefix, int threads) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory(namePrefix));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
