package io.divconq.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

    @Test
    void scrapesKeepKafkaAndDivconqMetersButNotRocksDbOnes() {
        PrometheusMeterRegistry registry = PrometheusMetrics.create();
        Gauge.builder("kafka.stream.state.block.cache.usage", () -> 1).tag("rocksdb-state-id", "arm-stats-store").register(registry);
        Gauge.builder("kafka.stream.state.rocksdb.bytes.written", () -> 2).register(registry);
        Gauge.builder("kafka.stream.thread.commit.rate", () -> 3).tag("thread-id", "t1").register(registry);
        Gauge.builder("divconq.async.queued", () -> 4).tag("stage", "solve").tag("task", "0_0").register(registry);
        assertThat(registry.scrape().lines().filter(l -> !l.startsWith("#")).sorted().toList()).containsExactly(
                "divconq_async_queued{stage=\"solve\",task=\"0_0\"} 4.0",
                "kafka_stream_thread_commit_rate{thread_id=\"t1\"} 3.0");
    }
}
