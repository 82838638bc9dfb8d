package io.divconq.llm;

import io.divconq.util.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenAI-compatible chat-completions endpoint: {@link #chat(ChatRequest)} applies the client-side rate limits,
 * sends {@code POST {baseUrl}/chat/completions} over HTTP/1.1 with the per-call timeout and retries with backoff.
 * It never blocks the calling thread; all waiting is scheduled.
 *
 * <p>Threads. Async stages and the {@link HttpClient} run on a worker executor: the one given to
 * {@link Builder#executor(Executor)} (left running by {@link #close()}), or else one the endpoint owns (a fixed pool
 * of {@code max(4, 2 x CPUs)} daemon threads, shut down by {@link #close()}). Backoff and rate-limit waits and
 * timeout guards run on a one-thread daemon scheduler the endpoint always owns and shuts down in {@link #close()}.
 * Futures returned by {@code chat} usually complete on a worker thread: dependants that block or compute at length
 * belong on the caller's own executor ({@code thenApplyAsync(fn, executor)}).
 *
 * <p>In-flight bound. {@code chat} does not take a permit of {@link #inFlight()}: callers take one per job and
 * release it when the job, which may chain several calls, is done.
 *
 * <p>Outages. A {@link CircuitBreaker} watches the endpoint: once it opens (consecutive connection failures,
 * timeouts or 5xx), calls are held, not sent and not charged attempts, until a probe call gets a reply; then the
 * held calls go out with a fresh retry budget. Only when the endpoint has been unavailable longer than
 * {@link CircuitBreaker.Settings#maxOutage()} do held calls fail. Every change of state is logged.
 *
 * <p>Secrets. The API key is read once from the environment variable named by {@link EndpointConfig#apiKeyEnv()}
 * and goes only into the {@code Authorization: Bearer} header; it is cut out of every message and log line, even
 * when a server echoes it back.
 */
public final class ModelEndpoint implements AutoCloseable {

    /** Header set by our model simulator on synthetic replies. */
    public static final String SIMULATED_HEADER = "X-Divconq-Simulated";

    private static final Logger log = LoggerFactory.getLogger(ModelEndpoint.class);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String REDACTED = "[REDACTED]";

    private final EndpointConfig config;
    private final URI uri;
    private final String apiKey;
    private final HttpClient http;
    private final Executor worker;
    private final ExecutorService ownedWorker;
    private final ScheduledThreadPoolExecutor scheduler;
    private final RateLimiter rateLimiter;
    private final InFlightLimiter inFlight;
    private final EndpointMetrics metrics;
    private final Set<Call> active = ConcurrentHashMap.newKeySet();
    private final CircuitBreaker breaker;
    private final java.util.Queue<Call> held = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile AttemptFailure lastFault;
    private volatile boolean closed;

    private ModelEndpoint(Builder builder) {
        this.config = builder.config;
        this.uri = config.chatCompletionsUri();
        this.apiKey = resolveApiKey(config, builder.env);
        this.inFlight = new InFlightLimiter(config.maxInFlight());
        this.rateLimiter = RateLimiter.of(config.requestsPerSecond(), config.tokensPerMinute(), System::nanoTime);
        if (builder.executor != null) {
            this.ownedWorker = null;
            this.worker = builder.executor;
        } else {
            int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            this.ownedWorker = Executors.newFixedThreadPool(threads, DaemonThreads.factory("divconq-llm-" + config.name()));
            this.worker = ownedWorker;
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("divconq-llm-" + config.name() + "-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(worker)
                .connectTimeout(min(config.callTimeout(), MAX_CONNECT_TIMEOUT))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.breaker = new CircuitBreaker(config.breaker(), System::nanoTime);
        this.metrics = new EndpointMetrics(builder.registry, config.name(), inFlight);
        metrics.watch(breaker, held::size);
    }

    /** Starts building an endpoint; see {@link Builder} for the defaults. */
    public static Builder builder(EndpointConfig config) {
        return new Builder(config);
    }

    /** An endpoint reading its key from the real environment, without metrics, owning its executors. */
    public static ModelEndpoint create(EndpointConfig config) {
        return builder(config).build();
    }

    /**
     * Sends one chat request. The future completes with the response, or exceptionally with a
     * {@link ModelCallException} once the call failed for good. Cancelling the future abandons the call.
     */
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        Call call = new Call(request, System.nanoTime());
        active.add(call);
        call.result.whenComplete((response, error) -> {
            active.remove(call);
            held.remove(call);
            if (error != null) {
                call.abortExchange();
            }
        });
        if (closed) {
            fail(call, AttemptFailure.closed());
            return call.result;
        }
        try {
            call.httpRequest = httpRequest(request);
            startAttempt(call);
        } catch (RuntimeException unexpected) {
            fail(call, failureOf(unexpected));
        }
        return call.result;
    }

    /** The endpoint's in-flight bound ({@link EndpointConfig#maxInFlight()}), to be taken by callers per job. */
    public InFlightLimiter inFlight() {
        return inFlight;
    }

    /** The endpoint's availability as its circuit breaker sees it. */
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /** True while calls flow (the breaker is closed); jobs started now would only be held. */
    public boolean available() {
        return breaker.state() == CircuitBreaker.State.CLOSED;
    }

    /**
     * Whether a new job should start calling now: the breaker is closed, or open with a probe due (the job's call
     * may carry it), or the outage has outlasted maxOutage (calls fail at once). False while calls are being held.
     */
    public boolean acceptingCalls() {
        CircuitBreaker.State state = breaker.state();
        return state == CircuitBreaker.State.CLOSED || breaker.outageExceeded()
                || (state == CircuitBreaker.State.OPEN && breaker.untilProbe().isZero());
    }

    /** Calls held because the endpoint is unavailable. */
    public int heldCalls() {
        return held.size();
    }

    public EndpointConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** Calls started by {@link #chat} and not finished yet, including those waiting for a rate limit or retry. */
    public int activeCalls() {
        return active.size();
    }

    /** Fails unfinished calls with {@link ModelCallException.Kind#CLOSED} and stops the threads the endpoint owns. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        for (Call call : active) {
            fail(call, AttemptFailure.closed());
        }
        metrics.close();
        if (ownedWorker != null) {
            ownedWorker.shutdown();
        }
    }

    @Override
    public String toString() {
        return "ModelEndpoint[name=" + config.name() + ", url=" + uri
                + ", auth=" + (config.apiKeyEnv() == null ? "none" : "$" + config.apiKeyEnv()) + "]";
    }

    private HttpRequest httpRequest(ChatRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.callTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ChatCompletionsCodec.encode(request)));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    /** Holds the call while the breaker is open; otherwise books the rate limits, then sends once they allow. */
    private void startAttempt(Call call) {
        if (call.result.isDone()) {
            return;
        }
        CircuitBreaker.Transition[] transition = new CircuitBreaker.Transition[1];
        boolean pass = breaker.tryPass(transition);
        report(transition[0]);
        if (!pass) {
            if (breaker.outageExceeded()) {
                fail(call, outageFailure());
            } else {
                hold(call);
            }
            return;
        }
        long waitNanos = rateLimiter.reserve(call.estimatedTokens);
        runAfter(waitNanos, call, () -> send(call));
    }

    private void send(Call call) {
        if (call.result.isDone()) {
            return;
        }
        call.attempts++;
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(call.httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        call.exchange = exchange;
        // The request timeout covers the wait for headers; this guard also bounds a stalled body.
        ScheduledFuture<?> timeoutGuard = scheduler.schedule(
                () -> exchange.cancel(true), config.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        exchange.handleAsync((response, error) -> {
                    timeoutGuard.cancel(false);
                    onAttemptDone(call, response, error);
                    return null;
                }, worker)
                .whenComplete((ignored, error) -> {
                    // Only if onAttemptDone threw or the worker refused the stage.
                    if (error != null) {
                        fail(call, failureOf(error));
                    }
                });
    }

    private void onAttemptDone(Call call, HttpResponse<byte[]> response, Throwable error) {
        if (call.result.isDone()) {
            return;
        }
        if (error != null) {
            AttemptFailure failure = failureOf(error);
            if (failure.endpointFault()) {
                onFault(failure);
            }
            retryOrFail(call, failure);
            return;
        }
        int status = response.statusCode();
        call.lastStatus = status;
        if (status / 100 != 2) {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            AttemptFailure failure = AttemptFailure.fromStatus(status, response.body(), retryAfter, Instant.now());
            if (failure.endpointFault()) {
                onFault(failure);
            } else {
                report(breaker.onReply());
            }
            retryOrFail(call, failure);
            return;
        }
        report(breaker.onReply());
        ChatCompletionsCodec.Completion completion;
        try {
            completion = ChatCompletionsCodec.decode(response.body());
        } catch (ChatCompletionsCodec.MalformedReplyException malformed) {
            retryOrFail(call, AttemptFailure.badResponse(status, malformed.getMessage(), response.body()));
            return;
        }
        succeed(call, response, completion);
    }

    private void succeed(Call call, HttpResponse<byte[]> response, ChatCompletionsCodec.Completion completion) {
        long elapsedNanos = System.nanoTime() - call.startNanos;
        long usedTokens = completion.promptTokens() + completion.completionTokens();
        if (usedTokens > 0) {
            rateLimiter.settleTokens(call.estimatedTokens, usedTokens);
        }
        boolean simulated = response.headers().firstValue(SIMULATED_HEADER)
                .map(value -> value.trim().equalsIgnoreCase("true"))
                .orElse(false);
        ChatResponse chatResponse = new ChatResponse(completion.content(), completion.promptTokens(),
                completion.completionTokens(),
                completion.model() != null ? completion.model() : call.request.model(),
                simulated, TimeUnit.NANOSECONDS.toMillis(elapsedNanos), call.attempts);
        // Meters before completion, so they are up to date when the caller sees the result.
        if (call.claimOutcome()) {
            metrics.success(elapsedNanos);
            call.result.complete(chatResponse);
        }
    }

    private void retryOrFail(Call call, AttemptFailure failure) {
        if (failure.endpointFault() && !closed && breaker.state() != CircuitBreaker.State.CLOSED) {
            if (breaker.outageExceeded()) {
                fail(call, outageFailure());
            } else {
                hold(call);
            }
            return;
        }
        int maxAttempts = config.retry().maxAttempts();
        if (!failure.retryable() || call.attempts - call.budgetBase >= maxAttempts || closed) {
            fail(call, failure);
            return;
        }
        Duration wait = failure.retryAfter() != null
                ? min(failure.retryAfter(), config.retry().retryAfterCap())
                : config.retry().backoff(call.attempts, ThreadLocalRandom.current());
        metrics.retry(failure.retryReason());
        if (log.isDebugEnabled()) {
            log.debug("model call to endpoint '{}': attempt {}/{} failed ({}); retrying in {} ms",
                    config.name(), call.attempts, maxAttempts, redact(failure.detail()), wait.toMillis());
        }
        runAfter(wait.toNanos(), call, () -> startAttempt(call));
    }

    private void onFault(AttemptFailure failure) {
        lastFault = failure;
        report(breaker.onFault());
    }

    private AttemptFailure outageFailure() {
        return AttemptFailure.outage(lastFault, breaker.unavailableFor(), config.breaker().maxOutage());
    }

    /** Parks a call until the breaker closes (or a probe slot opens); its retry budget restarts when it goes out. */
    private void hold(Call call) {
        call.budgetBase = call.attempts;
        held.add(call);
        if (call.result.isDone()) {
            held.remove(call);
        }
        ensureTicking();
        if (breaker.state() == CircuitBreaker.State.CLOSED) {
            releaseHeld(); // closed while this call was being parked
        }
    }

    private void report(CircuitBreaker.Transition t) {
        if (t == null) {
            return;
        }
        metrics.breakerChanged(t.to());
        switch (t.to()) {
            case OPEN -> log.warn("endpoint '{}' unavailable ({} consecutive faults over {} ms; last: {}): circuit OPEN, "
                            + "holding calls ({} held), next probe in {} ms, giving up after {} s", config.name(),
                    t.consecutiveFaults(), t.unavailableFor().toMillis(), lastFault == null ? "?" : redact(lastFault.detail()),
                    held.size(), breaker.untilProbe().toMillis(), config.breaker().maxOutage().toSeconds());
            case HALF_OPEN -> log.info("endpoint '{}': circuit HALF_OPEN, sending one probe call ({} held)",
                    config.name(), held.size());
            case CLOSED -> log.info("endpoint '{}' available again after {} ms: circuit CLOSED, resuming {} held call(s)",
                    config.name(), t.unavailableFor().toMillis(), held.size());
        }
        if (t.to() == CircuitBreaker.State.CLOSED) {
            releaseHeld();
        } else {
            ensureTicking();
        }
    }

    private void releaseHeld() {
        Call call;
        while ((call = held.poll()) != null) {
            Call released = call;
            runAfter(0, released, () -> startAttempt(released));
        }
    }

    /** While the breaker is not closed, wakes up to send probes and to fail held calls once the outage is too long. */
    private void ensureTicking() {
        if (closed || !ticking.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(breaker.untilProbe().toNanos(), TimeUnit.SECONDS.toNanos(1)));
        try {
            scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            ticking.set(false);
        }
    }

    private void tick() {
        ticking.set(false);
        if (closed) {
            return;
        }
        CircuitBreaker.State state = breaker.state();
        if (state == CircuitBreaker.State.CLOSED) {
            releaseHeld();
            return;
        }
        if (breaker.outageExceeded()) {
            AttemptFailure failure = outageFailure();
            Call call;
            while ((call = held.poll()) != null) {
                fail(call, failure);
            }
        } else if (state == CircuitBreaker.State.OPEN && breaker.untilProbe().isZero()) {
            Call probe = held.poll();
            if (probe != null) {
                runAfter(0, probe, () -> startAttempt(probe));
            }
        }
        ensureTicking();
    }

    private void fail(Call call, AttemptFailure failure) {
        if (!call.claimOutcome()) {
            return;
        }
        ModelCallException exception = new ModelCallException(config.name(), failure.kind(), call.lastStatus,
                call.attempts, redact(failure.detail()), failure.cause());
        metrics.failure();
        log.debug("{}", exception.getMessage());
        call.result.completeExceptionally(exception);
    }

    /** Runs {@code task} on the worker after {@code delayNanos}; any failure to run it fails the call. */
    private void runAfter(long delayNanos, Call call, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                fail(call, failureOf(e));
            }
        };
        Runnable onWorker = () -> {
            try {
                worker.execute(guarded);
            } catch (RejectedExecutionException e) {
                fail(call, failureOf(e));
            }
        };
        if (delayNanos <= 0) {
            onWorker.run();
            return;
        }
        try {
            scheduler.schedule(onWorker, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            fail(call, AttemptFailure.closed());
        }
    }

    /** Classifies a thrown error; after {@link #close()} every error counts as the close. */
    private AttemptFailure failureOf(Throwable error) {
        return closed ? AttemptFailure.closed() : AttemptFailure.fromThrowable(error, config.callTimeout(), uri);
    }

    private String redact(String text) {
        return apiKey == null || text == null ? text : text.replace(apiKey, REDACTED);
    }

    private static String resolveApiKey(EndpointConfig config, Function<String, String> env) {
        if (config.apiKeyEnv() == null) {
            return null;
        }
        String value = env.apply(config.apiKeyEnv());
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + config.apiKeyEnv()
                    + " (API key of endpoint '" + config.name() + "') is not set");
        }
        String key = value.strip();
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalStateException("environment variable " + config.apiKeyEnv()
                    + " (API key of endpoint '" + config.name() + "') contains whitespace or non-ASCII characters");
        }
        return key;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The state of one {@link #chat} call across its attempts; attempts never overlap. */
    private static final class Call {
        final ChatRequest request;
        final long startNanos;
        final long estimatedTokens;
        final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        volatile HttpRequest httpRequest;
        volatile int attempts;
        /** Attempts made before the call was last held; the retry budget counts from here. */
        volatile int budgetBase;
        volatile int lastStatus;
        volatile CompletableFuture<?> exchange;
        private final AtomicBoolean outcomeClaimed = new AtomicBoolean();

        Call(ChatRequest request, long startNanos) {
            this.request = request;
            this.startNanos = startNanos;
            this.estimatedTokens = request.estimatedTokens();
        }

        /** True for the one path (success, failure or close) that gets to settle the call. */
        boolean claimOutcome() {
            return outcomeClaimed.compareAndSet(false, true) && !result.isDone();
        }

        void abortExchange() {
            CompletableFuture<?> current = exchange;
            if (current != null && !current.isDone()) {
                current.cancel(true);
            }
        }
    }

    /**
     * Options of a {@link ModelEndpoint}: the environment lookup (default {@link System#getenv(String)}), an
     * optional {@link MeterRegistry} (default none) and an optional worker {@link Executor} (default: owned pool).
     */
    public static final class Builder {
        private final EndpointConfig config;
        private Function<String, String> env = System::getenv;
        private MeterRegistry registry;
        private Executor executor;

        private Builder(EndpointConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where to look up {@link EndpointConfig#apiKeyEnv()}; tests inject a map lookup. */
        public Builder env(Function<String, String> lookup) {
            this.env = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = meterRegistry;
            return this;
        }

        /** Worker executor for the HTTP client and async stages; the caller keeps ownership. */
        public Builder executor(Executor workerExecutor) {
            this.executor = workerExecutor;
            return this;
        }

        /** @throws IllegalStateException if the configured API key variable is unset */
        public ModelEndpoint build() {
            return new ModelEndpoint(this);
        }
    }
}
