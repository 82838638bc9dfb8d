package io.divconq.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.divconq.avro.AnswerState;
import io.divconq.avro.AnswerStatus;
import io.divconq.gateway.api.AnswerJson;
import io.divconq.gateway.api.AnswerRequest;
import io.divconq.gateway.api.ApiError;
import io.divconq.gateway.api.RequestParser;
import io.divconq.gateway.http.Exchanges;
import io.divconq.gateway.http.SseWriter;
import io.divconq.gateway.results.ResultsTable;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's HTTP routes: auth and limits first, then the chat, native, lookup and peer endpoints. */
final class GatewayRoutes {

    private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);
    static final String CHAT = "/v1/chat/completions";
    static final String ANSWERS = "/v1/answers";

    private final AnswerService service;
    private final ResultsTable table;
    private final RequestParser parser;
    private final Auth auth;
    private final Admission admission;
    private final GatewayMetrics metrics;
    private final long defaultTimeoutMs;
    private final String experiment;
    private final Optional<PrometheusMeterRegistry> prometheus;

    GatewayRoutes(AnswerService service, ResultsTable table, RequestParser parser, Auth auth, Admission admission,
                  GatewayMetrics metrics, long defaultTimeoutMs, String experiment, Optional<PrometheusMeterRegistry> prometheus) {
        this.service = service;
        this.table = table;
        this.parser = parser;
        this.auth = auth;
        this.admission = admission;
        this.metrics = metrics;
        this.defaultTimeoutMs = defaultTimeoutMs;
        this.experiment = experiment;
        this.prometheus = prometheus;
    }

    void handle(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String route = path.startsWith(ANSWERS + "/") ? ANSWERS + "/{id}"
                : path.startsWith(ResultsTable.INTERNAL_PATH) ? ResultsTable.INTERNAL_PATH + "{id}" : path;
        int status = 500;
        try {
            status = dispatch(ex, path);
        } catch (ApiError e) {
            status = e.status();
            reply(ex, () -> Exchanges.error(ex, e));
        } catch (ResultsTable.ResultsUnavailableException e) {
            status = 503;
            reply(ex, () -> Exchanges.error(ex, ApiError.unavailable(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            reply(ex, () -> Exchanges.error(ex, ApiError.unavailable("the gateway is shutting down")));
        } catch (IOException e) {
            log.debug("client went away on {}: {}", path, e.toString());
        } catch (RuntimeException e) {
            log.warn("gateway request {} failed", path, e);
            reply(ex, () -> Exchanges.error(ex, ApiError.unavailable("internal error: " + e.getClass().getSimpleName())));
        } finally {
            metrics.reply(route, status);
            ex.close();
        }
    }

    private int dispatch(HttpExchange ex, String path) throws IOException, InterruptedException {
        String method = ex.getRequestMethod();
        if (path.equals("/healthz")) {
            Exchanges.bytes(ex, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
            return 200;
        }
        if (path.equals("/metrics") && prometheus.isPresent()) {
            Exchanges.bytes(ex, 200, "text/plain; version=0.0.4", prometheus.get().scrape().getBytes(StandardCharsets.UTF_8));
            return 200;
        }
        Optional<String> token = auth.check(Exchanges.header(ex, "Authorization"));
        if (path.startsWith(ResultsTable.INTERNAL_PATH)) return peer(ex, path.substring(ResultsTable.INTERNAL_PATH.length()));
        admission.checkRate(token.orElseGet(() -> ex.getRemoteAddress().getAddress().getHostAddress()));
        if (path.equals("/v1/models")) return models(ex);
        if (path.equals(CHAT) || path.equals(ANSWERS)) {
            if (!method.equals("POST")) throw ApiError.methodNotAllowed(method);
            admission.enter();
            try {
                return post(ex, path.equals(CHAT));
            } finally {
                admission.release();
            }
        }
        if (path.startsWith(ANSWERS + "/")) {
            if (!method.equals("GET")) throw ApiError.methodNotAllowed(method);
            admission.enter();
            try {
                return get(ex, RequestParser.checkId(path.substring(ANSWERS.length() + 1), "id"));
            } finally {
                admission.release();
            }
        }
        throw ApiError.notFound("no route " + method + " " + path, "not_found");
    }

    private int post(HttpExchange ex, boolean chat) throws IOException, InterruptedException {
        var headers = new RequestParser.Headers(Exchanges.header(ex, "Idempotency-Key"), Exchanges.header(ex, "X-Divconq-Timeout-Ms"));
        var body = Exchanges.jsonBody(ex);
        AnswerRequest r = chat ? parser.chat(body, headers) : parser.answer(body, headers);
        long deadline = System.nanoTime() + r.timeoutMs().orElse(defaultTimeoutMs) * 1_000_000;
        AnswerService.Ticket ticket = service.submit(r, deadline);
        try {
            if (r.stream()) return stream(ex, ticket, r, deadline);
            Optional<AnswerState> s = service.awaitFinal(ticket, deadline);
            boolean cached = ticket.cached().isPresent();
            if (s.isPresent() && s.get().getStatus() == AnswerStatus.ANSWERED) {
                service.remember(ticket, r, s.get());
                Exchanges.answerHeaders(ex, s.get());
                Exchanges.json(ex, 200, chat ? AnswerJson.chatCompletion(s.get(), r.model(), cached) : AnswerJson.answer(s.get(), cached));
                return 200;
            }
            if (s.isPresent() && s.get().getStatus() == AnswerStatus.FAILED) {
                Exchanges.answerHeaders(ex, s.get());
                if (chat) throw ApiError.failed("problem " + s.get().getProblemId() + " failed: " + s.get().getFailureReason());
                Exchanges.json(ex, 502, AnswerJson.answer(s.get(), false));
                return 502;
            }
            return accepted(ex, ticket.problemId(), s);
        } finally {
            service.release(ticket);
        }
    }

    /** Past the deadline: 202 with where to fetch the answer later. */
    private static int accepted(HttpExchange ex, String problemId, Optional<AnswerState> s) throws IOException {
        ex.getResponseHeaders().set("Location", ANSWERS + "/" + URLEncoder.encode(problemId, StandardCharsets.UTF_8));
        ObjectNode body;
        if (s.isPresent()) {
            Exchanges.answerHeaders(ex, s.get());
            body = AnswerJson.answer(s.get(), false);
        } else {
            ex.getResponseHeaders().set("X-Divconq-Problem-Id", problemId);
            body = JsonNodeFactory.instance.objectNode().put("id", problemId).put("object", "divconq.answer").put("status", "queued");
        }
        Exchanges.json(ex, 202, body);
        return 202;
    }

    /** OpenAI SSE: a first chunk with the role, the subquestions once decided, the answer, the finish, then usage. */
    private int stream(HttpExchange ex, AnswerService.Ticket ticket, AnswerRequest r, long deadline)
            throws IOException, InterruptedException {
        ex.getResponseHeaders().set("X-Divconq-Problem-Id", ticket.problemId());
        boolean cached = ticket.cached().isPresent();
        AnswerState state = ticket.cached().orElseGet(() -> AnswerState.newBuilder().setProblemId(ticket.problemId())
                .setStatus(AnswerStatus.QUEUED).setVersion(-1).setDecomposeUsage(new io.divconq.avro.TokenUsage(0L, 0L))
                .setSolveUsage(new io.divconq.avro.TokenUsage(0L, 0L)).setCreatedAtMs(System.currentTimeMillis()).build());
        try (SseWriter sse = new SseWriter(ex)) {
            ObjectNode queued = JsonNodeFactory.instance.objectNode().put("event", "queued").put("problem_id", ticket.problemId());
            sse.send(AnswerJson.chunk(state, r.model(), AnswerJson.delta("assistant", ""), null, queued));
            boolean subquestionsSent = false;
            while (true) {
                if (!subquestionsSent && state.getArm() != null && state.getStatus() != AnswerStatus.FAILED
                        && state.getStatus() != AnswerStatus.QUEUED) {
                    ObjectNode extras = AnswerJson.divconq(state, cached).put("event", "subquestions");
                    sse.send(AnswerJson.chunk(state, r.model(), AnswerJson.delta(null, null), null, extras));
                    subquestionsSent = true;
                }
                if (state.getStatus() == AnswerStatus.ANSWERED) {
                    sse.send(AnswerJson.chunk(state, r.model(), AnswerJson.delta(null, state.getFinalAnswer()), null, null));
                    sse.send(AnswerJson.chunk(state, r.model(), AnswerJson.delta(null, null), "stop", null));
                    ObjectNode last = AnswerJson.chunk(state, r.model(), null, null, AnswerJson.divconq(state, cached).put("event", "usage"));
                    last.set("usage", AnswerJson.usage(state));
                    sse.send(last);
                    break;
                }
                if (state.getStatus() == AnswerStatus.FAILED) {
                    sse.send(ApiError.failed("problem " + state.getProblemId() + " failed: " + state.getFailureReason()).body());
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    ObjectNode timeout = AnswerJson.divconq(state, cached).put("event", "timeout")
                            .put("location", ANSWERS + "/" + URLEncoder.encode(state.getProblemId(), StandardCharsets.UTF_8));
                    sse.send(AnswerJson.chunk(state, r.model(), null, null, timeout));
                    break;
                }
                Optional<AnswerState> next = service.next(ticket.problemId(), state.getVersion(), deadline);
                if (next.isPresent() && next.get().getVersion() > state.getVersion()) {
                    state = next.get();
                    service.remember(ticket, r, state);
                }
            }
            sse.done();
        }
        return 200;
    }

    private int get(HttpExchange ex, String id) throws IOException, InterruptedException {
        long waitMs = parseLong(Exchanges.query(ex).get("wait_ms"), 0);
        Optional<AnswerState> s = waitMs <= 0 ? service.lookup(id)
                : service.awaitFinal(new AnswerService.Ticket(id, Optional.empty(), false), System.nanoTime() + waitMs * 1_000_000);
        if (s.isEmpty()) throw ApiError.notFound("no problem with id '" + id + "'", "answer_not_found");
        Exchanges.answerHeaders(ex, s.get());
        Exchanges.json(ex, 200, AnswerJson.answer(s.get(), false));
        return 200;
    }

    private int peer(HttpExchange ex, String id) throws IOException, InterruptedException {
        var q = Exchanges.query(ex);
        Optional<AnswerState> s = table.serveLocal(id, (int) parseLong(q.get("after"), -1), Math.min(10_000, parseLong(q.get("wait_ms"), 0)));
        if (s.isEmpty()) {
            Exchanges.bytes(ex, 404, "application/octet-stream", new byte[0]);
            return 404;
        }
        Exchanges.bytes(ex, 200, "application/octet-stream", table.bytes(s.get()));
        return 200;
    }

    private int models(HttpExchange ex) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("object", "list");
        var data = root.putArray("data");
        for (String m : java.util.List.of(RequestParser.DIVCONQ_MODEL, experiment)) {
            data.addObject().put("id", m).put("object", "model").put("created", 0).put("owned_by", "divconq");
        }
        Exchanges.json(ex, 200, root);
        return 200;
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) return fallback;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("not a whole number: " + s, null);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void reply(HttpExchange ex, Write w) {
        try {
            w.run();
        } catch (IOException | IllegalStateException e) {
            log.debug("could not send the error reply: {}", e.toString());
        }
    }
}
