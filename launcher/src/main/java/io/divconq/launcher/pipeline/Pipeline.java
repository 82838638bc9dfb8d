package io.divconq.launcher.pipeline;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.HttpModelRouter;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.streams.StreamAssembly;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Some or all of the three streams, running in this JVM against one Kafka cluster, registry and model endpoints. */
public final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final Map<PipelineStream, KafkaStreams> streams;
    private final List<AutoCloseable> sidecars;
    private final HttpModelRouter router;

    private Pipeline(Map<PipelineStream, KafkaStreams> streams, List<AutoCloseable> sidecars, HttpModelRouter router) {
        this.streams = streams;
        this.sidecars = sidecars;
        this.router = router;
    }

    /** Options beyond the configuration: which streams, where their state lives, and the blocking baseline. */
    public record Options(Set<PipelineStream> streams, Path stateRoot, boolean blocking) {
    }

    public static Pipeline start(DivconqContext context, Options options) {
        StageSettings settings = context.stageSettings(options.blocking());
        registerSchemas(context);
        HttpModelRouter router = new HttpModelRouter(context.config(), context.meters());
        Map<PipelineStream, KafkaStreams> started = new EnumMap<>(PipelineStream.class);
        List<AutoCloseable> sidecars = new ArrayList<>();
        try {
            for (PipelineStream s : options.streams()) {
                StreamAssembly.Assembled assembly = s.assembly().assemble(context, settings, router);
                sidecars.add(assembly.sidecar());
                KafkaStreams ks = new KafkaStreams(assembly.topology(),
                        StreamsProperties.of(context, s, options.stateRoot().resolve(s.id())));
                ks.setUncaughtExceptionHandler(e -> {
                    if (io.divconq.common.dlq.DeadLetters.isTransient(e)) {
                        log.warn("{} stream: the schema registry is unavailable ({}); restarting the stream thread to retry",
                                s.id(), e.toString());
                        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                    }
                    log.error("{} stream failed; shutting it down", s.id(), e);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                new KafkaStreamsMetrics(ks, List.of(Tag.of("stream", s.id()))).bindTo(context.meters());
                started.put(s, ks);
                ks.start();
            }
        } catch (RuntimeException e) {
            started.values().forEach(ks -> ks.close(Duration.ofSeconds(10)));
            closeAll(sidecars);
            router.close();
            throw e;
        }
        return new Pipeline(started, sidecars, router);
    }

    /**
     * Registers every topic's schema before the streams start, so no stage meets an unregistered schema mid-record;
     * however long the registry is unreachable, this waits (the client retries with backoff), never gives up.
     */
    private static void registerSchemas(DivconqContext context) {
        while (true) {
            try {
                context.topics().registerSchemas();
                return;
            } catch (RuntimeException e) {
                if (!io.divconq.common.dlq.DeadLetters.isTransient(e) || Thread.currentThread().isInterrupted()) throw e;
                log.warn("schema registry still unavailable ({}); the streams start once it answers", e.getMessage());
            }
        }
    }

    /** Waits until every stream is RUNNING; throws if one fails first or time runs out. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        awaitRunning(timeout, states -> { });
    }

    /** As {@link #awaitRunning(Duration)}, telling {@code progress} the streams' states while it waits. */
    public void awaitRunning(Duration timeout, Consumer<Map<String, String>> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!failed().isEmpty()) throw new IllegalStateException("stream(s) failed: " + failed());
            if (streams.values().stream().allMatch(ks -> ks.state() == KafkaStreams.State.RUNNING)) return;
            progress.accept(states());
            Thread.sleep(50);
        }
        throw new IllegalStateException("streams not running after " + timeout + ": " + states());
    }

    /** Streams that stopped with an error. */
    public List<String> failed() {
        List<String> out = new ArrayList<>();
        streams.forEach((s, ks) -> {
            if (ks.state() == KafkaStreams.State.ERROR || ks.state() == KafkaStreams.State.PENDING_ERROR) out.add(s.id());
        });
        return out;
    }

    public Map<String, String> states() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        streams.forEach((s, ks) -> out.put(s.id(), ks.state().name()));
        return out;
    }

    public HttpModelRouter router() {
        return router;
    }

    @Override
    public void close() {
        streams.values().forEach(ks -> ks.close(Duration.ofSeconds(30)));
        closeAll(sidecars);
        router.close();
    }

    private static void closeAll(List<AutoCloseable> sidecars) {
        for (AutoCloseable c : sidecars) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c, e.toString());
            }
        }
    }
}
