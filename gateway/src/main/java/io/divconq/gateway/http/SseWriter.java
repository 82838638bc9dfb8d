package io.divconq.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Server-sent events in OpenAI's streaming format: {@code data: <json>} frames, then {@code data: [DONE]}. */
public final class SseWriter implements AutoCloseable {

    private final OutputStream out;

    public SseWriter(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        this.out = ex.getResponseBody();
    }

    public void send(JsonNode data) throws IOException {
        frame(Exchanges.JSON.writeValueAsString(data));
    }

    public void done() throws IOException {
        frame("[DONE]");
    }

    private void frame(String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
