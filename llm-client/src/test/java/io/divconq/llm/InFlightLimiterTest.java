package io.divconq.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

    @Test
    void tryAcquireStopsAtTheLimitAndReleaseFreesAPermit() {
        InFlightLimiter limiter = new InFlightLimiter(2);

        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(limiter.inFlight()).isEqualTo(2);
        limiter.release();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.limit()).isEqualTo(2);
        assertThat(limiter.maxInFlightSeen()).isEqualTo(2);
    }

    @Test
    void releaseWithoutAcquireIsAnError() {
        InFlightLimiter limiter = new InFlightLimiter(1);

        assertThatThrownBy(limiter::release).isInstanceOf(IllegalStateException.class);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void timedAcquireGivesUpWhenFullAndSucceedsOnceReleased() throws Exception {
        InFlightLimiter limiter = new InFlightLimiter(1);
        assertThat(limiter.tryAcquire()).isTrue();

        assertThat(limiter.tryAcquire(Duration.ofMillis(50))).isFalse();

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiting = other.submit(() -> limiter.tryAcquire(Duration.ofSeconds(20)));
            limiter.release();
            assertThat(waiting.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(limiter.inFlight()).isEqualTo(1);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void neverExceedsTheLimitUnderContentionAndReportsThePeak() throws Exception {
        int limit = 8;
        int threads = 16;
        InFlightLimiter limiter = new InFlightLimiter(limit);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger peakHolders = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < 20_000; i++) {
                        if (limiter.tryAcquire()) {
                            int now = holders.incrementAndGet();
                            peakHolders.accumulateAndGet(now, Math::max);
                            if (now > limit || limiter.inFlight() > limit) {
                                violations.incrementAndGet();
                            }
                            holders.decrementAndGet();
                            limiter.release();
                        }
                    }
                }, pool));
            }
            go.countDown();
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(violations).hasValue(0);
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.maxInFlightSeen()).isBetween(peakHolders.get(), limit);
        // No permit leaked: all of them can be taken again.
        for (int i = 0; i < limit; i++) {
            assertThat(limiter.tryAcquire()).isTrue();
        }
        assertThat(limiter.tryAcquire()).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
