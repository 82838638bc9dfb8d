package io.divconq.launcher.health;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 while every stream of this process is RUNNING or REBALANCING, 503 otherwise, with the
 * states as JSON. Container health checks and Kubernetes probes read it.
 */
public final class HealthServer implements AutoCloseable {

    private static final Set<String> HEALTHY = Set.of("RUNNING", "REBALANCING");

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** Serves the states {@code states} reports (stream id → Kafka Streams state name) on {@code host:port}. */
    public static HealthServer start(String host, int port, Supplier<Map<String, String>> states) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 8);
        server.createContext("/health", exchange -> {
            try (exchange) {
                Map<String, String> now = states.get();
                boolean healthy = !now.isEmpty() && HEALTHY.containsAll(now.values());
                StringBuilder json = new StringBuilder("{\"healthy\":").append(healthy).append(",\"streams\":{");
                now.forEach((id, state) -> json.append('"').append(id).append("\":\"").append(state).append("\","));
                if (!now.isEmpty()) json.setLength(json.length() - 1);
                byte[] body = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new HealthServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
