package io.divconq.dashboard;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The registry behind /metrics: everything divconq and Kafka report, without the per-store RocksDB internals. */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    public static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Kafka Streams reports dozens of RocksDB meters per state store and segment: most of a scrape, rarely read.
        registry.config().meterFilter(MeterFilter.deny(PrometheusMetrics::rocksDb));
        return registry;
    }

    static boolean rocksDb(Meter.Id id) {
        return id.getName().contains("rocksdb") || id.getTags().stream().anyMatch(t -> t.getKey().contains("rocksdb"));
    }
}
