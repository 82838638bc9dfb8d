package io.divconq.registry;

import io.divconq.util.DaemonThreads;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Schema Registry on 127.0.0.1 that speaks Confluent's REST subset, backed by an
 * {@link InMemorySchemaRegistry}. Any Confluent-compatible client can use {@link #url()}.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    static {
        io.divconq.util.ProcessDefaults.httpServerNoDelay();
    }

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int THREADS = 4;

    private final InMemorySchemaRegistry registry;
    private final RegistryRestHandler handler;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;

    private SchemaRegistryServer(InMemorySchemaRegistry registry, InetAddress host, int port, String basePath) throws IOException {
        this.registry = registry;
        this.handler = new RegistryRestHandler(registry, basePath);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.executor = DaemonThreads.pool("schema-registry-server", THREADS);
        server.createContext(basePath.isEmpty() ? "/" : basePath, handler);
        server.setExecutor(executor);
        server.start();
        this.url = "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
        log.info("Schema Registry listening on {}", url);
    }

    /** A server with a fresh registry on a random port. */
    public static SchemaRegistryServer start() {
        return start(new InMemorySchemaRegistry(), 0);
    }

    /** A server for {@code registry} on {@code port} (0 = random). */
    public static SchemaRegistryServer start(InMemorySchemaRegistry registry, int port) {
        return start(registry, port, "");
    }

    /**
     * A server for {@code registry} on {@code port} (0 = random) whose API lives under {@code basePath}
     * (e.g. "/apis/ccompat/v7", like Apicurio; "" for the root, like Confluent).
     */
    public static SchemaRegistryServer start(InMemorySchemaRegistry registry, int port, String basePath) {
        return start(registry, InetAddress.getLoopbackAddress(), port, basePath);
    }

    /** A server for {@code registry} listening on {@code host} (e.g. 0.0.0.0 inside a container), like the others. */
    public static SchemaRegistryServer start(InMemorySchemaRegistry registry, InetAddress host, int port, String basePath) {
        String normalized = basePath.replaceAll("/+$", "");
        if (!normalized.isEmpty() && !normalized.startsWith("/")) {
            throw new IllegalArgumentException("basePath must start with '/': " + basePath);
        }
        try {
            return new SchemaRegistryServer(registry, host, port, normalized);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Schema Registry on " + host.getHostAddress() + ":" + port, e);
        }
    }

    /** Base URL of the API, e.g. http://127.0.0.1:41234 (plus the base path, if any). */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** How many HTTP requests this server has received (any route, any outcome). */
    public long requestCount() {
        return handler.requestCount();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Schema Registry on {} stopped", url);
    }
}
