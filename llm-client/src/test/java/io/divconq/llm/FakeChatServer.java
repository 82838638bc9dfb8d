package io.divconq.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback chat-completions server for tests: replies follow a per-test script ({@link #then}), then a default
 * ({@link #otherwise}); every request is recorded.
 */
final class FakeChatServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded request. */
    record Received(String method, String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** How to answer one request; may answer later from another thread, or never. */
    @FunctionalInterface
    interface Reply {
        void answer(HttpExchange exchange, Received request, ScheduledExecutorService timer) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply otherwise = ok("fine");

    private FakeChatServer() throws IOException {
        // Without this the JDK server delays each response by ~40 ms (Nagle); must precede first server use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeChatServer start() {
        try {
            return new FakeChatServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL in the form an endpoint is configured with, e.g. {@code http://127.0.0.1:4711/v1}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Queues replies for the next requests, in order. */
    FakeChatServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply once the script is used up. */
    FakeChatServer otherwise(Reply reply) {
        this.otherwise = reply;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body);
        received.add(request);
        Reply reply = script.poll();
        (reply != null ? reply : otherwise).answer(exchange, request, timer);
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        handlers.shutdownNow();
    }

    // ---- replies ----

    /** A completion with the given content, usage 7 + 3 tokens, model {@code fake-model}. */
    static Reply ok(String content) {
        return respond(200, completion(content, true), Map.of());
    }

    /** A completion with the given content and extra headers. */
    static Reply okWithHeaders(String content, Map<String, String> headers) {
        return respond(200, completion(content, true), headers);
    }

    /** A completion without a {@code usage} object. */
    static Reply okWithoutUsage(String content) {
        return respond(200, completion(content, false), Map.of());
    }

    /** A completion whose content is the last message of the request, sent after {@code delay} without a thread. */
    static Reply echoAfter(Duration delay) {
        return (exchange, request, timer) -> timer.schedule(() -> {
            try {
                var messages = JSON.readTree(request.body()).path("messages");
                String last = messages.path(messages.size() - 1).path("content").asText();
                send(exchange, 200, completion("echo: " + last, true), Map.of());
            } catch (IOException e) {
                exchange.close();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Any status and body. */
    static Reply status(int status, String body) {
        return respond(status, body, Map.of());
    }

    static Reply respond(int status, String body, Map<String, String> headers) {
        return (exchange, request, timer) -> send(exchange, status, body, headers);
    }

    /** Never answers. */
    static Reply hang() {
        return (exchange, request, timer) -> { };
    }

    static String completion(String content, boolean withUsage) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "fake-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        if (withUsage) {
            root.putObject("usage").put("prompt_tokens", 7).put("completion_tokens", 3).put("total_tokens", 10);
        }
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
