package io.divconq.launcher.pipeline;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams settings every divconq stream runs with: exactly_once_v2 and short commit intervals. */
public final class StreamsProperties {

    /**
     * How long a crashed instance's open transaction can hold back read_committed consumers. Processors never keep
     * a transaction open waiting on a model (they wait at most 2 s for capacity), so Streams' 10 s default is kept.
     */
    static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private StreamsProperties() {
    }

    public static Properties of(DivconqContext context, PipelineStream stream, Path stateDir) {
        DivconqConfig config = context.config();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, context.topics().applicationId(stream.id()));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.streams().commitIntervalMs());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streams().threads());
        p.put(StreamsConfig.POLL_MS_CONFIG, config.streams().pollMs());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A poll loop may wait for model calls (backpressure); give it room before the group evicts the member.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 300_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) config.streams().sessionTimeoutMs());
        return p;
    }
}
