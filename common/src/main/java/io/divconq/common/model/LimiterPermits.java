package io.divconq.common.model;

import io.divconq.common.async.PermitSource;
import io.divconq.llm.InFlightLimiter;
import java.time.Duration;

/** An endpoint's in-flight bound as the async engine's permit source. */
public record LimiterPermits(InFlightLimiter limiter) implements PermitSource {

    @Override
    public boolean tryAcquire() {
        return limiter.tryAcquire();
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return limiter.tryAcquire(timeout);
    }

    @Override
    public void release() {
        limiter.release();
    }
}
