package io.divconq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POST /v1/chat/completions. Parses the request, decides its fate (injected error or reply) and latency, then
 * returns at once: the response is written later by a task on the scheduler, so no thread waits per request.
 */
final class ChatCompletionsHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsHandler.class);

    private final SimulatorConfig config;
    private final ReplyWriter replies;
    private final StatsRecorder stats;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final AtomicLong requestNumbers = new AtomicLong();

    ChatCompletionsHandler(SimulatorConfig config, ReplyWriter replies, StatsRecorder stats,
                           ScheduledExecutorService scheduler, Executor workers) {
        this.config = config;
        this.replies = replies;
        this.stats = stats;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    /** A parsed chat request: the model, the last user message and the characters of all messages. */
    private record ChatRequest(String model, String userMessage, long promptChars) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod())) {
            stats.rejected("method_not_allowed");
            Exchanges.sendError(exchange, 405, "Use POST for /v1/chat/completions.", "invalid_request_error", null);
            return;
        }
        if (!Exchanges.authorized(exchange, config.requiredApiKey())) {
            stats.rejected("unauthorized");
            Exchanges.sendUnauthorized(exchange);
            return;
        }
        ChatRequest request;
        try {
            request = parse(body);
        } catch (IllegalArgumentException e) {
            stats.rejected("bad_request");
            Exchanges.sendError(exchange, 400, e.getMessage(), "invalid_request_error", null);
            return;
        }
        stats.started(request.model());
        try {
            answer(exchange, request);
        } catch (RuntimeException e) {
            LOG.error("Simulator failed on a request for model {}", request.model(), e);
            stats.failed(request.model(), "internal_error");
            Exchanges.sendError(exchange, 500, "Simulator internal error.", "server_error", null);
        }
    }

    private void answer(HttpExchange exchange, ChatRequest request) {
        long number = requestNumbers.incrementAndGet();
        SplittableRandom random = new SplittableRandom(SeededDraws.requestSeed(config.seed(), number));
        ModelProfile profile = config.profileFor(request.model());
        double fate = random.nextDouble();
        long latency = baseLatencyMs(profile, random);
        String model = request.model();
        if (fate < profile.error5xxRate()) {
            later(exchange, latency, model, "server_error", 500, Map.of(),
                    Exchanges.errorJson("The simulated server had an error while processing your request.",
                            "server_error", null));
        } else if (fate < profile.error5xxRate() + profile.error429Rate()) {
            later(exchange, 0, model, "rate_limited", 429, Map.of("Retry-After", "1"),
                    Exchanges.errorJson("Simulated rate limit reached for " + model + ". Please try again in 1s.",
                            "requests", "rate_limit_exceeded"));
        } else if (fate < profile.error5xxRate() + profile.error429Rate() + profile.timeoutRate()) {
            later(exchange, profile.hangMs(), model, "timeout", 504, Map.of(),
                    Exchanges.errorJson("Simulated upstream timeout.", "timeout", "timeout"));
        } else {
            ReplyWriter.Reply reply = replies.write(model, profile, PromptParser.parse(request.userMessage()),
                    PromptParser.passage(request.userMessage()));
            long promptTokens = Texts.approximateTokens(request.promptChars());
            long completionTokens = Texts.approximateTokens(reply.content().length());
            byte[] json = Exchanges.json(OpenAiWire.completion(
                    String.format("chatcmpl-sim-%010x", number), System.currentTimeMillis() / 1000, model,
                    reply.content(), promptTokens, completionTokens));
            long delay = latency + Math.round(profile.msPerCompletionToken() * completionTokens);
            schedule(exchange, delay, () -> {
                stats.completed(model, reply.malformed(), promptTokens, completionTokens);
                Exchanges.send(exchange, 200, json, Map.of());
            });
        }
    }

    private void later(HttpExchange exchange, long delayMs, String model, String errorKind, int status,
                       Map<String, String> headers, byte[] body) {
        schedule(exchange, delayMs, () -> {
            stats.failed(model, errorKind);
            Exchanges.send(exchange, status, body, headers);
        });
    }

    /** Runs {@code send} after the delay on a worker thread; nothing blocks while waiting. */
    private void schedule(HttpExchange exchange, long delayMs, Runnable send) {
        if (delayMs <= 0) {
            send.run();
            return;
        }
        try {
            scheduler.schedule(() -> dispatch(exchange, send), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange, Runnable send) {
        try {
            workers.execute(send);
        } catch (RejectedExecutionException e) {
            exchange.close();
        }
    }

    private static long baseLatencyMs(ModelProfile profile, SplittableRandom random) {
        double gaussian = random.nextGaussian();
        if (profile.latencySigma() == 0.0) {
            return profile.latencyMedianMs();
        }
        return Math.round(profile.latencyMedianMs() * Math.exp(profile.latencySigma() * gaussian));
    }

    private static ChatRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = OpenAiWire.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("We could not parse the JSON body of your request.");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object.");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new IllegalArgumentException("Missing required parameter: 'model'.");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("Missing required parameter: 'messages'.");
        }
        long chars = 0;
        String user = null;
        for (JsonNode message : messages) {
            String content = contentText(message.get("content"));
            chars += content.length();
            if ("user".equals(message.path("role").asText())) {
                user = content;
            }
        }
        if (user == null) {
            throw new IllegalArgumentException("'messages' must contain a message with role 'user'.");
        }
        return new ChatRequest(model.asText(), user, chars);
    }

    /** Message content as text: a string, or the concatenated text parts of a content array. */
    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return content.asText();
    }
}
