package io.divconq.common.model;

import io.divconq.common.async.PermitSource;
import io.divconq.llm.ModelEndpoint;
import java.time.Duration;

/**
 * An HTTP endpoint's in-flight bound as the async engine's permit source, withholding permits while the endpoint's
 * circuit breaker holds calls: new jobs then stay queued (and pending in the store) instead of starting, and once a
 * task's queue is full it stops taking records. Permits flow again when a probe is due (so a job can carry it),
 * when the breaker closes, and after maxOutage (so jobs fail and are dead-lettered, as configured).
 */
public record EndpointPermits(ModelEndpoint endpoint) implements PermitSource {

    @Override
    public boolean tryAcquire() {
        return endpoint.acceptingCalls() && endpoint.inFlight().tryAcquire();
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return endpoint.acceptingCalls() && endpoint.inFlight().tryAcquire(timeout);
    }

    @Override
    public void release() {
        endpoint.inFlight().release();
    }
}
