package io.divconq.decomposer;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.async.AsyncJob;
import io.divconq.common.async.AsyncStage;
import io.divconq.common.async.InvalidRecordException;
import io.divconq.common.async.JobInfo;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.model.ModelRoute;
import io.divconq.common.model.ModelRouter;
import io.divconq.common.prompts.PromptQuestion;
import io.divconq.common.prompts.Prompts;
import io.divconq.llm.ChatResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns a problem to its arm and asks the arm's decomposer for subquestions (no call for DIRECT arms). In shadow
 * mode a sample of treatment problems is also decomposed by the control's decomposer: a second, shadow decomposition.
 */
public final class DecomposeStage implements AsyncStage<Problem, List<Decomposition>> {

    private static final Logger log = LoggerFactory.getLogger(DecomposeStage.class);

    private final ExperimentWeights weights;
    private final ModelRouter router;
    private final DecompositionParser parser;
    private final int maxTokens;
    private final int maxStoredReplyChars;

    public DecomposeStage(DivconqConfig config, ModelRouter router) {
        this(config, new ExperimentWeights(config.experiment()), router);
    }

    public DecomposeStage(DivconqConfig config, ExperimentWeights weights, ModelRouter router) {
        this.weights = weights;
        this.router = router;
        this.parser = new DecompositionParser(config.decomposer().maxSubquestions());
        this.maxTokens = config.decomposer().maxTokens();
        this.maxStoredReplyChars = config.streams().maxStoredReplyChars();
    }

    @Override
    public AsyncJob<List<Decomposition>> prepare(Problem problem) {
        if (problem.getId() == null || problem.getId().isBlank()) throw InvalidRecordException.missingField("id");
        if (problem.getQuestion() == null || problem.getQuestion().isBlank()) throw InvalidRecordException.missingField("question");
        ArmAssigner assigner = weights.assigner();
        var experiment = weights.experiment();
        ArmConfig arm = assigner.assign(problem);
        JobInfo info = new JobInfo(problem.getId(), experiment.name(), arm.name());
        ArmConfig control = experiment.arm(experiment.control()).orElseThrow();
        boolean shadow = !arm.name().equals(control.name())
                && assigner.sampled("shadow", assigner.assignmentKey(problem), experiment.shadow().rate());
        if (arm.solverMode() == SolverMode.DIRECT && !shadow) {
            return AsyncJob.immediate(info, List.of(direct(problem, arm)));
        }
        ModelRoute route = arm.solverMode() == SolverMode.DIRECT ? null : router.route(arm.endpoint(), arm.model());
        return new AsyncJob<>(info, route == null ? null : route.permits(), () -> {
            CompletableFuture<Decomposition> primary = route == null
                    ? CompletableFuture.completedFuture(direct(problem, arm))
                    : decompose(route, problem, arm, arm, false);
            if (!shadow) return primary.thenApply(List::of);
            return primary.thenCombine(shadowOf(problem, arm, control), (p, s) -> s == null ? List.of(p) : List.of(p, s));
        });
    }

    /**
     * The control's decomposition of a treatment problem, made only when the control's endpoint has a free permit
     * (so shadow traffic never exceeds its in-flight bound); a failed shadow call costs the primary nothing.
     */
    private CompletableFuture<Decomposition> shadowOf(Problem problem, ArmConfig arm, ArmConfig control) {
        if (control.solverMode() == SolverMode.DIRECT) {
            return CompletableFuture.completedFuture(asShadow(direct(problem, arm), control));
        }
        ModelRoute route = router.route(control.endpoint(), control.model());
        if (!route.permits().tryAcquire()) return CompletableFuture.completedFuture(null);
        return decompose(route, problem, arm, control, true)
                .handle((d, e) -> {
                    route.permits().release();
                    if (e != null) log.info("shadow decomposition of {} failed: {}", problem.getId(), e.toString());
                    return e == null ? d : null;
                });
    }

    private CompletableFuture<Decomposition> decompose(ModelRoute route, Problem problem, ArmConfig arm, ArmConfig decomposer,
                                                        boolean shadow) {
        return route.call(Prompts.decompose(PromptQuestion.of(problem), decomposer.promptVariant()), maxTokens)
                .thenApply(reply -> toDecomposition(problem, arm, decomposer, reply, shadow));
    }

    private Decomposition toDecomposition(Problem problem, ArmConfig arm, ArmConfig decomposer, ChatResponse reply, boolean shadow) {
        ParsedDecomposition parsed = parser.parse(reply.content());
        List<String> subquestions = parsed instanceof ParsedDecomposition.Subquestions s ? s.questions() : List.of();
        return base(problem, arm)
                .setSolverMode(decomposer.solverMode())
                .setSubquestions(subquestions)
                .setNoDecomposition(parsed instanceof ParsedDecomposition.NoDecomposition)
                .setRawReply(io.divconq.common.model.StoredReply.cap(reply.content(), maxStoredReplyChars))
                .setModel(decomposer.model())
                .setUsage(new TokenUsage(reply.promptTokens(), reply.completionTokens()))
                .setCalls(1)
                .setLatencyMs(reply.latencyMs())
                .setDecomposedAtMs(System.currentTimeMillis())
                .setSimulated(reply.simulated())
                .setShadow(shadow)
                .build();
    }

    private Decomposition direct(Problem problem, ArmConfig arm) {
        return base(problem, arm).setNoDecomposition(true).setUsage(new TokenUsage(0L, 0L)).setCalls(0).setLatencyMs(0L)
                .setDecomposedAtMs(System.currentTimeMillis()).build();
    }

    private static Decomposition asShadow(Decomposition d, ArmConfig control) {
        return Decomposition.newBuilder(d).setShadow(true).setSolverMode(control.solverMode()).build();
    }

    private Decomposition.Builder base(Problem problem, ArmConfig arm) {
        return Decomposition.newBuilder()
                .setProblemId(problem.getId())
                .setExperiment(weights.experiment().name())
                .setArm(arm.name())
                .setSolverMode(arm.solverMode())
                .setSubquestions(List.of())
                .setProblem(problem);
    }
}
