package io.divconq.launcher.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP reverse proxy in front of a test service that can fail the way real services do: {@link #down()} stops
 * listening (connections are refused, open ones dropped) until {@link #up()} listens again on the same port;
 * {@link #failPaths(String, int)} answers a status (e.g. 503) to requests whose path starts with a prefix.
 */
public final class FlakyHttpProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "date");

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService handlers = Executors.newFixedThreadPool(16);
    private final int port;
    private HttpServer server;
    private volatile String failingPrefix;
    private volatile int failingStatus;

    private FlakyHttpProxy(URI target) {
        this.target = target;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** A proxy to {@code target} (scheme, host and port; paths are passed through). */
    public static FlakyHttpProxy to(String target) {
        return new FlakyHttpProxy(URI.create(target));
    }

    /** The proxied URL: {@code original} with its host and port replaced by the proxy's. */
    public String url(String original) {
        URI o = URI.create(original);
        return "http://127.0.0.1:" + port + (o.getRawPath() == null ? "" : o.getRawPath());
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized void up() {
        if (server == null) server = bind(port);
    }

    /** Answers {@code status} to requests whose path starts with {@code prefix}; null prefix to stop. */
    public void failPaths(String prefix, int status) {
        this.failingStatus = status;
        this.failingPrefix = prefix;
    }

    private HttpServer bind(int onPort) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 256);
                s.setExecutor(handlers);
                s.createContext("/", this::handle);
                s.start();
                return s;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) throw new UncheckedIOException(e);
                Thread.onSpinWait();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            String prefix = failingPrefix;
            if (prefix != null && path.startsWith(prefix)) {
                byte[] error = ("{\"error_code\":" + failingStatus + "01,\"message\":\"injected fault\"}").getBytes();
                exchange.sendResponseHeaders(failingStatus, error.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(error);
                }
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : List.of("Content-Type", "Accept", "Authorization")) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) request.header(h, v);
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        down();
        handlers.shutdownNow();
    }
}
