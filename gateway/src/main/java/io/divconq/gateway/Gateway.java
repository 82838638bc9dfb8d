package io.divconq.gateway;

import com.sun.net.httpserver.HttpServer;
import io.divconq.avro.AnswerState;
import io.divconq.avro.Problem;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.config.GatewaySettings;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.gateway.api.RequestParser;
import io.divconq.gateway.results.AnswerReducer;
import io.divconq.gateway.results.AnswerWatches;
import io.divconq.gateway.results.ResultsTable;
import io.divconq.gateway.results.ResultsTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door over a running pipeline: sends each question to {@code problems} and answers from the
 * results table (its own Kafka Streams application, {@code <prefix>divconq-gateway}; instances share it and ask
 * each other for keys they do not host). Without bearer tokens configured it binds loopback only.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final KafkaStreams streams;
    private final KafkaProducer<String, Problem> producer;
    private final String url;
    private final GatewayMetrics metrics;

    private Gateway(HttpServer server, ExecutorService executor, KafkaStreams streams, KafkaProducer<String, Problem> producer,
                    String url, GatewayMetrics metrics) {
        this.server = server;
        this.executor = executor;
        this.streams = streams;
        this.producer = producer;
        this.url = url;
        this.metrics = metrics;
    }

    /** Starts the gateway as the configuration's gateway section says; state of the results table under stateDir. */
    public static Gateway start(DivconqContext context, Path stateDir, Function<String, String> env) throws IOException {
        DivconqConfig config = context.config();
        String bootstrapServers = context.bootstrapServers();
        MeterRegistry meters = context.meters();
        TopicCatalog topics = context.topics();
        GatewaySettings settings = config.gateway();
        Auth auth = Auth.fromEnvironment(settings.authTokensEnv(), env);
        String host = settings.host();
        if (!auth.enabled() && !InetAddress.getByName(host).isLoopbackAddress()) {
            log.warn("gateway: no bearer tokens in ${}; binding 127.0.0.1 instead of {}", settings.authTokensEnv(), host);
            host = "127.0.0.1";
        }
        io.divconq.util.ProcessDefaults.httpServerNoDelay();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, settings.port()), 1024);
        } catch (java.net.BindException e) {
            throw new IOException("gateway: cannot listen on " + host + ":" + settings.port() + " (" + e.getMessage()
                    + "); set gateway.port (or --gateway-port / --port)", e);
        }
        int port = server.getAddress().getPort();
        String advertised = auth.enabled() ? settings.advertisedHost() : host;

        AnswerWatches watches = new AnswerWatches();
        KafkaStreams streams = new KafkaStreams(
                ResultsTopology.build(topics, new AnswerReducer(System::currentTimeMillis), watches, settings.resultsRetentionMs()),
                streamsProperties(config, topics, bootstrapServers, stateDir, new HostInfo(advertised, port)));
        KafkaProducer<String, Problem> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), topics.problems().serde().serializer());
        String changelog = topics.applicationId("gateway") + "-" + ResultsTopology.STORE + "-changelog";
        ResultsTable table = new ResultsTable(streams, new HostInfo(advertised, port), watches, topics.serde(AnswerState.class),
                auth.peerToken(), changelog);
        Admission admission = new Admission(settings.maxPending(), settings.requestsPerSecondPerKey());
        GatewayMetrics metrics = new GatewayMetrics(meters, admission::pending);
        Optional<AnswerCache> cache = settings.cache().enabled()
                ? Optional.of(new AnswerCache(settings.cache().ttlMs(), settings.cache().maxEntries(), System::currentTimeMillis))
                : Optional.empty();
        AnswerService service = new AnswerService(table, problem -> send(producer, topics.problems().name(), problem), cache, metrics,
                System::currentTimeMillis);
        String experiment = config.experiment().name();
        GatewayRoutes routes = new GatewayRoutes(service, table, new RequestParser(experiment), auth, admission, metrics,
                settings.defaultTimeoutMs(), experiment,
                meters instanceof PrometheusMeterRegistry p ? Optional.of(p) : Optional.empty());

        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "divconq-gateway-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", routes::handle);
        streams.start();
        server.start();
        String url = "http://" + host + ":" + port + "/";
        log.info("gateway at {} ({})", url, auth.enabled() ? "bearer tokens required" : "no auth, loopback only");
        return new Gateway(server, executor, streams, producer, url, metrics);
    }

    /** Waits until the results table is queryable. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("gateway results table not running: " + streams.state());
            if (streams.state() == KafkaStreams.State.ERROR) throw new IllegalStateException("gateway results table failed");
            Thread.sleep(20);
        }
    }

    /** Base URL, e.g. http://127.0.0.1:8090/ ; the OpenAI base URL is this plus "v1". */
    public String url() {
        return url;
    }

    public double cacheHits() {
        return metrics.cacheHits();
    }

    public double cacheSavedUsd() {
        return metrics.cacheSavedUsd();
    }

    private static void send(KafkaProducer<String, Problem> producer, String topic, Problem p) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, p.getId(), p)).get();
        } catch (ExecutionException e) {
            throw io.divconq.gateway.api.ApiError.unavailable("could not queue the problem: " + e.getCause().getMessage());
        }
    }

    static Properties streamsProperties(DivconqConfig config, TopicCatalog topics, String bootstrap, Path stateDir, HostInfo self) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.applicationId("gateway"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // The table only folds committed facts and every fold is idempotent, so at-least-once is enough.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        p.put(StreamsConfig.POLL_MS_CONFIG, config.streams().pollMs());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) config.streams().sessionTimeoutMs());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        return p;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        producer.close(Duration.ofSeconds(5));
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
    }
}
