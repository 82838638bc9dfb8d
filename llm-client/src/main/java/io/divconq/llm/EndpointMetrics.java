package io.divconq.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer meters of one endpoint: {@code divconq.llm.calls} (endpoint, outcome), {@code divconq.llm.retries}
 * (endpoint, reason), {@code divconq.llm.latency} (endpoint; successful calls, retries included) and the gauge
 * {@code divconq.llm.in_flight} (endpoint; permits held in the endpoint's {@link InFlightLimiter}); the circuit
 * breaker's {@code divconq.llm.breaker.state} (0 closed, 1 half-open, 2 open), {@code divconq.llm.held_calls} and
 * {@code divconq.llm.breaker.transitions} (endpoint, to).
 */
final class EndpointMetrics {

    private final MeterRegistry registry;
    private final String endpoint;
    private final Counter successes;
    private final Counter failures;
    private final Timer latency;
    private final Gauge inFlight;
    private final Map<String, Counter> retriesByReason = new ConcurrentHashMap<>();
    private final java.util.List<io.micrometer.core.instrument.Meter> watched = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param registry where to register, or null to record nothing */
    EndpointMetrics(MeterRegistry registry, String endpoint, InFlightLimiter limiter) {
        // An empty composite registry hands out no-op meters.
        this.registry = registry != null ? registry : new CompositeMeterRegistry();
        this.endpoint = endpoint;
        this.successes = calls("success");
        this.failures = calls("failure");
        this.latency = Timer.builder("divconq.llm.latency")
                .description("Wall time of successful model calls, rate-limit waits and retries included")
                .tag("endpoint", endpoint)
                .register(this.registry);
        this.inFlight = Gauge.builder("divconq.llm.in_flight", limiter, InFlightLimiter::inFlight)
                .description("Jobs holding a permit of the endpoint's in-flight limiter")
                .tag("endpoint", endpoint)
                .register(this.registry);
    }

    private Counter calls(String outcome) {
        return Counter.builder("divconq.llm.calls")
                .description("Finished model calls")
                .tags("endpoint", endpoint, "outcome", outcome)
                .register(registry);
    }

    void success(long latencyNanos) {
        successes.increment();
        latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    /** Registers the breaker state and held-call gauges. */
    void watch(CircuitBreaker breaker, java.util.function.Supplier<Integer> heldCalls) {
        watched.add(Gauge.builder("divconq.llm.breaker.state", breaker, b -> b.state().ordinal())
                .description("Circuit breaker state: 0 closed, 1 half-open (probing), 2 open (calls held)")
                .tag("endpoint", endpoint)
                .register(registry));
        // The supplier is a lambda nothing else holds: a weakly held one reads NaN after the next GC.
        watched.add(Gauge.builder("divconq.llm.held_calls", heldCalls, h -> h.get())
                .description("Calls held while the endpoint is unavailable")
                .tag("endpoint", endpoint)
                .strongReference(true)
                .register(registry));
    }

    void breakerChanged(CircuitBreaker.State to) {
        Counter.builder("divconq.llm.breaker.transitions")
                .description("Circuit breaker state changes, by the state entered")
                .tags("endpoint", endpoint, "to", to.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    void failure() {
        failures.increment();
    }

    void retry(String reason) {
        retriesByReason.computeIfAbsent(reason, r -> Counter.builder("divconq.llm.retries")
                .description("HTTP attempts retried, by reason")
                .tags("endpoint", endpoint, "reason", r)
                .register(registry)).increment();
    }

    /** Drops the gauge, which would otherwise keep reporting a closed endpoint. */
    void close() {
        registry.remove(inFlight);
        watched.forEach(registry::remove);
    }
}
