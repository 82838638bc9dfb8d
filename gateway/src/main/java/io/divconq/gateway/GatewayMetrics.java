package io.divconq.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The gateway's meters: replies by route and status, pending requests, cache lookups, hits and dollars saved. */
final class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter cacheLookups;
    private final Counter cacheHits;
    private final Counter cacheSavedUsd;

    GatewayMetrics(MeterRegistry registry, Supplier<Number> pending) {
        this.registry = registry;
        this.cacheLookups = Counter.builder("divconq.gateway.cache.lookups").description("Cache lookups").register(registry);
        this.cacheHits = Counter.builder("divconq.gateway.cache.hits").description("Requests answered from the cache").register(registry);
        this.cacheSavedUsd = Counter.builder("divconq.gateway.cache.saved.usd")
                .description("Model cost the cache hits would have cost again").register(registry);
        io.micrometer.core.instrument.Gauge.builder("divconq.gateway.pending", pending).description("Requests in flight")
                .register(registry);
    }

    void cacheLookup(boolean hit, double savedUsd) {
        cacheLookups.increment();
        if (hit) {
            cacheHits.increment();
            cacheSavedUsd.increment(savedUsd);
        }
    }

    void reply(String route, int status) {
        registry.counter("divconq.gateway.replies", "route", route, "status", Integer.toString(status)).increment();
    }

    double cacheHits() {
        return cacheHits.count();
    }

    double cacheSavedUsd() {
        return cacheSavedUsd.count();
    }
}
