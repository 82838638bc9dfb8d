package io.divconq.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server answering canned responses and recording each request, to test what a client sends. */
final class StubHttpServer implements AutoCloseable {

    record Recorded(String method, String path, Optional<String> authorization) {
    }

    private record Canned(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Canned> responses = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    StubHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getRawPath();
                requests.add(new Recorded(method, path,
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
                Canned canned = responses.getOrDefault(method + " " + path,
                        new Canned(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
                byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(canned.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    StubHttpServer respond(String method, String path, int status, String body) {
        responses.put(method + " " + path, new Canned(status, body));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Recorded> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
