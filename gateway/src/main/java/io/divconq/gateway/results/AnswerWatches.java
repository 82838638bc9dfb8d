package io.divconq.gateway.results;

import io.divconq.avro.AnswerState;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lets request threads wait for a problem's next change. The results processor publishes every change it stores;
 * a waiter registers first and then reads the store, so no change slips between the read and the wait.
 */
public final class AnswerWatches {

    private static final class Watch {
        int waiters;
        AnswerState latest;
    }

    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();

    /** Called by the stream thread after it stored a change; wakes the waiters of that problem. */
    public void publish(AnswerState state) {
        Watch w = watches.get(state.getProblemId());
        if (w == null) return;
        synchronized (w) {
            if (w.latest == null || state.getVersion() > w.latest.getVersion()) w.latest = state;
            w.notifyAll();
        }
    }

    /**
     * Waits until the problem's version exceeds {@code afterVersion} or the deadline (System.nanoTime) passes, and
     * returns the latest state known by then (empty when the problem is unknown).
     */
    public Optional<AnswerState> await(String problemId, int afterVersion, long deadlineNanos, Supplier<AnswerState> read)
            throws InterruptedException {
        Watch w = watches.compute(problemId, (k, v) -> {
            Watch x = v != null ? v : new Watch();
            x.waiters++;
            return x;
        });
        try {
            AnswerState stored = read.get();
            synchronized (w) {
                if (stored != null && (w.latest == null || stored.getVersion() > w.latest.getVersion())) w.latest = stored;
                while (w.latest == null || w.latest.getVersion() <= afterVersion) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) break;
                    w.wait(Math.max(1, left / 1_000_000), 0);
                }
                return Optional.ofNullable(w.latest);
            }
        } finally {
            watches.computeIfPresent(problemId, (k, v) -> --v.waiters == 0 ? null : v);
        }
    }

    /** Problems with someone waiting (for tests and metrics). */
    public int watched() {
        return watches.size();
    }
}
