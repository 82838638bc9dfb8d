package io.divconq.gateway.results;

import io.divconq.avro.AnswerState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the results table across gateway instances (Kafka Streams interactive queries): a problem whose partition
 * this instance hosts is read, and waited on, locally; any other is asked of the instance that hosts it, over
 * {@link #INTERNAL_PATH}. Waits go in slices so a partition that moves mid-wait is followed to its new host.
 */
public final class ResultsTable {

    /** Path prefix of the instance-to-instance endpoint: Avro bytes of the state, 404 when unknown. */
    public static final String INTERNAL_PATH = "/internal/answers/";
    private static final long SLICE_NANOS = 2_000_000_000L;
    private static final long RETRY_MS = 50;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final AnswerWatches watches;
    private final Serde<AnswerState> serde;
    private final Optional<String> peerToken;
    private final String serdeTopic;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ResultsTable(KafkaStreams streams, HostInfo self, AnswerWatches watches, Serde<AnswerState> serde,
                        Optional<String> peerToken, String serdeTopic) {
        this.serdeTopic = serdeTopic;
        this.streams = streams;
        this.self = self;
        this.watches = watches;
        this.serde = serde;
        this.peerToken = peerToken;
    }

    /**
     * The problem's state now, wherever it is hosted; while the table cannot be read (a rebalance) it retries until
     * {@code giveUpNanos} (System.nanoTime), then throws {@link ResultsUnavailableException}.
     */
    public Optional<AnswerState> get(String problemId, long giveUpNanos) throws InterruptedException {
        long giveUp = giveUpNanos;
        while (true) {
            Optional<Optional<AnswerState>> seen = tryOnce(problemId, Integer.MAX_VALUE, System.nanoTime());
            if (seen.isPresent()) return seen.get();
            if (System.nanoTime() >= giveUp) {
                throw new ResultsUnavailableException("the results table is not available (rebalancing or starting); retry shortly");
            }
            Thread.sleep(RETRY_MS);
        }
    }

    /**
     * Waits until the problem's version exceeds {@code afterVersion} or the deadline (System.nanoTime) passes;
     * returns the latest state seen, or empty when the problem is unknown.
     */
    public Optional<AnswerState> awaitAbove(String problemId, int afterVersion, long deadlineNanos) throws InterruptedException {
        while (true) {
            long sliceEnd = Math.min(deadlineNanos, System.nanoTime() + SLICE_NANOS);
            Optional<Optional<AnswerState>> seen = tryOnce(problemId, afterVersion, sliceEnd);
            long now = System.nanoTime();
            if (seen.isPresent()) {
                Optional<AnswerState> s = seen.get();
                if (now >= deadlineNanos || s.map(x -> x.getVersion() > afterVersion).orElse(false)) return s;
            } else if (now >= deadlineNanos) {
                throw new ResultsUnavailableException("the results table is not available (rebalancing or starting); retry shortly");
            } else {
                Thread.sleep(RETRY_MS);
            }
        }
    }

    /** Local answer if this instance hosts the key; empty outer Optional when the table could not be read. */
    public Optional<AnswerState> readLocal(String problemId) {
        try {
            ReadOnlyKeyValueStore<String, AnswerState> store = streams.store(
                    StoreQueryParameters.fromNameAndType(ResultsTopology.STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(problemId));
        } catch (InvalidStateStoreException e) {
            throw new ResultsUnavailableException("the results table is not available here: " + e.getMessage());
        }
    }

    private Optional<Optional<AnswerState>> tryOnce(String problemId, int afterVersion, long sliceEnd) throws InterruptedException {
        KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(ResultsTopology.STORE, problemId, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) return Optional.empty();
        try {
            if (meta.activeHost().equals(self)) {
                return Optional.of(watches.await(problemId, afterVersion, sliceEnd, () -> readLocal(problemId).orElse(null)));
            }
            return Optional.of(askPeer(meta.activeHost(), problemId, afterVersion, sliceEnd));
        } catch (ResultsUnavailableException | IOException e) {
            return Optional.empty();
        }
    }

    private Optional<AnswerState> askPeer(HostInfo host, String problemId, int afterVersion, long sliceEnd)
            throws IOException, InterruptedException {
        long waitMs = Math.max(0, (sliceEnd - System.nanoTime()) / 1_000_000);
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + INTERNAL_PATH
                + URLEncoder.encode(problemId, StandardCharsets.UTF_8) + "?after=" + afterVersion + "&wait_ms=" + waitMs);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(waitMs + 5_000)).GET();
        peerToken.ifPresent(t -> req.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() == 404) return Optional.empty();
        if (resp.statusCode() != 200) throw new IOException("peer " + host + " answered " + resp.statusCode());
        return Optional.of(serde.deserializer().deserialize(serdeTopic, resp.body()));
    }

    /** Serves a peer's {@link #INTERNAL_PATH} request: local state only, waiting up to waitMs for a newer version. */
    public Optional<AnswerState> serveLocal(String problemId, int afterVersion, long waitMs) throws InterruptedException {
        return watches.await(problemId, afterVersion, System.nanoTime() + waitMs * 1_000_000,
                () -> readLocal(problemId).orElse(null));
    }

    public byte[] bytes(AnswerState s) {
        return serde.serializer().serialize(serdeTopic, s);
    }

    /** The results table cannot be read right now (the instance is starting or partitions are moving). */
    public static final class ResultsUnavailableException extends RuntimeException {
        public ResultsUnavailableException(String message) {
            super(message);
        }
    }
}
