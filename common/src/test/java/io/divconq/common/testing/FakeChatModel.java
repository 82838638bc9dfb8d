package io.divconq.common.testing;

import io.divconq.common.model.ChatModel;
import io.divconq.common.model.ModelRoute;
import io.divconq.common.model.ModelRouter;
import io.divconq.llm.ChatRequest;
import io.divconq.llm.ChatResponse;
import io.divconq.common.model.LimiterPermits;
import io.divconq.llm.InFlightLimiter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scripted chat model for topology tests: replies computed from the request, immediately or on demand. */
public final class FakeChatModel implements ChatModel, ModelRouter {

    private final Function<ChatRequest, String> replies;
    private final InFlightLimiter limiter;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<ChatResponse>> held = new CopyOnWriteArrayList<>();
    private volatile boolean hold;

    public FakeChatModel(Function<ChatRequest, String> replies) {
        this(replies, 64);
    }

    public FakeChatModel(Function<ChatRequest, String> replies, int maxInFlight) {
        this.replies = replies;
        this.limiter = new InFlightLimiter(maxInFlight);
    }

    /** From now on, calls stay pending until {@link #releaseAll()}. */
    public FakeChatModel holdReplies() {
        hold = true;
        return this;
    }

    public void releaseAll() {
        hold = false;
        for (CompletableFuture<ChatResponse> f : held) {
            f.complete(null);
        }
        held.clear();
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        requests.add(request);
        ChatResponse response = new ChatResponse(replies.apply(request), 100, 20, request.model(), true, 5, 1);
        if (!hold) return CompletableFuture.completedFuture(response);
        CompletableFuture<ChatResponse> gate = new CompletableFuture<>();
        held.add(gate);
        return gate.thenApply(ignored -> response);
    }

    @Override
    public ModelRoute route(String endpoint, String model) {
        return new ModelRoute(endpoint, model, this, new LimiterPermits(limiter));
    }

    public List<ChatRequest> requests() {
        return requests;
    }

    public InFlightLimiter limiter() {
        return limiter;
    }

    /** The user message of a request. */
    public static String userText(ChatRequest r) {
        return r.messages().get(r.messages().size() - 1).content();
    }
}
