package io.divconq.solver;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.Solution;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.async.AsyncJob;
import io.divconq.common.async.AsyncStage;
import io.divconq.common.async.InvalidRecordException;
import io.divconq.common.async.JobInfo;
import io.divconq.common.async.UnparseableReplyException;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.model.ModelRoute;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.model.StoredReply;
import io.divconq.common.prompts.PromptQuestion;
import io.divconq.common.prompts.Prompts;
import io.divconq.llm.ChatMessage;
import io.divconq.llm.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Solves a decomposed problem with the configured solver model: one call with every subquestion (STATIC, the
 * paper), one call per subquestion and a final call (SEQUENTIAL), or one direct call (DIRECT or "No decomposition").
 */
public final class SolveStage implements AsyncStage<Decomposition, Solution> {

    private final ModelRoute route;
    private final int maxTokens;
    private final AnswerExtractor.Mode extraction;
    private final int maxStoredReplyChars;

    public SolveStage(DivconqConfig config, ModelRouter router) {
        this.route = router.route(config.solver().endpoint(), config.solver().model());
        this.maxTokens = config.solver().maxTokens();
        this.extraction = AnswerExtractor.Mode.parse(config.solver().extraction());
        this.maxStoredReplyChars = config.streams().maxStoredReplyChars();
    }

    @Override
    public AsyncJob<Solution> prepare(Decomposition d) {
        Problem problem = d.getProblem();
        if (d.getProblemId() == null || d.getProblemId().isBlank()) throw InvalidRecordException.missingField("problemId");
        if (d.getArm() == null || d.getArm().isBlank()) throw InvalidRecordException.missingField("arm");
        if (problem == null || problem.getQuestion() == null || problem.getQuestion().isBlank()) {
            throw InvalidRecordException.missingField("problem.question");
        }
        JobInfo info = new JobInfo(d.getProblemId(), d.getExperiment(), d.getArm(), d.getWeightVersion(), d.getShadow());
        PromptQuestion question = PromptQuestion.of(problem);
        List<String> subquestions = d.getNoDecomposition() ? List.of() : d.getSubquestions();
        boolean direct = d.getSolverMode() == SolverMode.DIRECT || subquestions.isEmpty();
        if (direct) {
            return new AsyncJob<>(info, route.permits(), () -> single(Prompts.solveDirect(question)).thenApply(c -> solution(d, c)));
        }
        if (d.getSolverMode() == SolverMode.SEQUENTIAL) {
            return new AsyncJob<>(info, route.permits(), () -> sequential(question, subquestions).thenApply(c -> solution(d, c)));
        }
        return new AsyncJob<>(info, route.permits(),
                () -> single(Prompts.solveStatic(question, subquestions)).thenApply(c -> solution(d, c)));
    }

    private CompletableFuture<Calls> single(List<ChatMessage> prompt) {
        return route.call(prompt, maxTokens).thenApply(r -> Calls.EMPTY.plus(r));
    }

    /** One call per subquestion, each seeing the earlier answers, then the final call. */
    private CompletableFuture<Calls> sequential(PromptQuestion question, List<String> subquestions) {
        CompletableFuture<Calls> chain = CompletableFuture.completedFuture(Calls.EMPTY);
        for (int i = 0; i < subquestions.size(); i++) {
            int index = i;
            chain = chain.thenCompose(calls -> route.call(Prompts.solveSubquestion(question,
                            subquestions.subList(0, index), calls.subanswers(), subquestions.get(index)), maxTokens)
                    .thenApply(r -> calls.plus(r).withSubanswer(r.content().strip())));
        }
        return chain.thenCompose(calls -> route.call(Prompts.solveSequentialFinal(question, subquestions, calls.subanswers()), maxTokens)
                .thenApply(calls::plus));
    }

    private Solution solution(Decomposition d, Calls calls) {
        String reply = calls.lastReply();
        AnswerExtractor.Extraction both = AnswerExtractor.extract(reply);
        AnswerExtractor.Chosen answer = both.chosen(extraction).orElseThrow(() -> new UnparseableReplyException(
                "the solver reply has no answer (no answer marker, no \\boxed{} and no number)", reply,
                route.model(), calls.promptTokens(), calls.completionTokens()));
        return Solution.newBuilder()
                .setProblemId(d.getProblemId())
                .setExperiment(d.getExperiment())
                .setArm(d.getArm())
                .setFinalAnswer(answer.answer())
                .setStrictAnswer(both.strict().orElse(null))
                .setFlexibleAnswer(both.flexible().orElse(null))
                .setExtraction(answer.extraction())
                .setRawReply(StoredReply.cap(reply, maxStoredReplyChars))
                .setSubanswers(calls.subanswers().stream().map(a -> StoredReply.cap(a, maxStoredReplyChars)).toList())
                .setModel(route.model())
                .setUsage(new TokenUsage(calls.promptTokens(), calls.completionTokens()))
                .setCalls(calls.count())
                .setLatencyMs(calls.latencyMs())
                .setSolvedAtMs(System.currentTimeMillis())
                .setSimulated(calls.simulated())
                .setDecomposition(d)
                .build();
    }

    /** What a chain of calls has used and said so far. */
    record Calls(int count, long promptTokens, long completionTokens, long latencyMs, boolean simulated,
                 List<String> subanswers, String lastReply) {
        static final Calls EMPTY = new Calls(0, 0, 0, 0, true, List.of(), null);

        Calls plus(ChatResponse r) {
            return new Calls(count + 1, promptTokens + r.promptTokens(), completionTokens + r.completionTokens(),
                    latencyMs + r.latencyMs(), simulated && r.simulated(), subanswers, r.content());
        }

        Calls withSubanswer(String answer) {
            List<String> more = new ArrayList<>(subanswers);
            more.add(answer);
            return new Calls(count, promptTokens, completionTokens, latencyMs, simulated, List.copyOf(more), lastReply);
        }
    }
}
