package io.divconq.decomposer;

import io.divconq.avro.Decomposition;
import io.divconq.avro.Problem;
import io.divconq.avro.SolverMode;
import io.divconq.avro.TokenUsage;
import io.divconq.common.async.AsyncJob;
import io.divconq.common.async.AsyncStage;
import io.divconq.common.async.InvalidRecordException;
import io.divconq.common.async.JobInfo;
import io.divconq.common.async.UnparseableReplyException;
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

    /** The live weights this stage assigns with (followed by the topology's global store). */
    public ExperimentWeights weights() {
        return weights;
    }

    @Override
    public AsyncJob<List<Decomposition>> prepare(Problem problem) {
        if (problem.getId() == null || problem.getId().isBlank()) throw InvalidRecordException.missingField("id");
        if (problem.getQuestion() == null || problem.getQuestion().isBlank()) throw InvalidRecordException.missingField("question");
        long takenAt = System.currentTimeMillis();
        ExperimentWeights.Current current = weights.current();
        ArmAssigner assigner = current.assigner();
        long version = current.weights().version();
        var experiment = weights.experiment();
        ArmConfig arm = assigner.assign(problem);
        JobInfo info = new JobInfo(problem.getId(), experiment.name(), arm.name(), version);
        ArmConfig control = experiment.arm(experiment.control()).orElseThrow();
        boolean shadow = !arm.name().equals(control.name())
                && assigner.sampled("shadow", problem.getId(), experiment.shadow().rate());
        if (arm.solverMode() == SolverMode.DIRECT && !shadow) {
            return AsyncJob.immediate(info, List.of(direct(problem, arm, version, takenAt)));
        }
        ModelRoute route = arm.solverMode() == SolverMode.DIRECT ? null : router.route(arm.endpoint(), arm.model());
        return new AsyncJob<>(info, route == null ? null : route.permits(), () -> {
            CompletableFuture<Decomposition> primary = route == null
                    ? CompletableFuture.completedFuture(direct(problem, arm, version, takenAt))
                    : decompose(route, problem, arm, arm, false, version, takenAt);
            if (!shadow) return primary.thenApply(List::of);
            return primary.thenCombine(shadowOf(problem, arm, control, version, takenAt), (p, s) -> s == null ? List.of(p) : List.of(p, s));
        });
    }

    /**
     * The control's decomposition of a treatment problem, made only when the control's endpoint has a free permit
     * (so shadow traffic never exceeds its in-flight bound); a failed shadow call costs the primary nothing.
     */
    private CompletableFuture<Decomposition> shadowOf(Problem problem, ArmConfig arm, ArmConfig control, long version,
                                                     long takenAt) {
        if (control.solverMode() == SolverMode.DIRECT) {
            return CompletableFuture.completedFuture(asShadow(direct(problem, arm, version, takenAt), control));
        }
        ModelRoute route = router.route(control.endpoint(), control.model());
        if (!route.permits().tryAcquire()) return CompletableFuture.completedFuture(null);
        return decompose(route, problem, arm, control, true, version, takenAt)
                .handle((d, e) -> {
                    route.permits().release();
                    if (e != null) log.info("shadow decomposition of {} failed: {}", problem.getId(), e.toString());
                    return e == null ? d : null;
                });
    }

    private CompletableFuture<Decomposition> decompose(ModelRoute route, Problem problem, ArmConfig arm, ArmConfig decomposer,
                                                        boolean shadow, long version, long takenAt) {
        return route.call(Prompts.decompose(PromptQuestion.of(problem), decomposer.promptVariant()), maxTokens)
                .thenApply(reply -> toDecomposition(problem, arm, decomposer, reply, shadow, version, takenAt));
    }

    private Decomposition toDecomposition(Problem problem, ArmConfig arm, ArmConfig decomposer, ChatResponse reply, boolean shadow,
                                          long version, long takenAt) {
        ParsedDecomposition parsed;
        try {
            parsed = parser.parse(reply.content());
        } catch (UnparseableReplyException e) {
            // Dead-lettered with what the unusable reply cost: the scorer charges it to the arm (intention to treat).
            throw new UnparseableReplyException(e.getMessage(), e.reply(), decomposer.model(), reply.promptTokens(),
                    reply.completionTokens());
        }
        List<String> subquestions = parsed instanceof ParsedDecomposition.Subquestions s ? s.questions() : List.of();
        return base(problem, arm, version, takenAt)
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

    private Decomposition direct(Problem problem, ArmConfig arm, long version, long takenAt) {
        return base(problem, arm, version, takenAt).setNoDecomposition(true).setUsage(new TokenUsage(0L, 0L)).setCalls(0).setLatencyMs(0L)
                .setDecomposedAtMs(System.currentTimeMillis()).build();
    }

    private static Decomposition asShadow(Decomposition d, ArmConfig control) {
        return Decomposition.newBuilder(d).setShadow(true).setSolverMode(control.solverMode()).build();
    }

    /** {@code takenAt}: when this stage took the problem, where the pipeline's own latency starts. */
    private Decomposition.Builder base(Problem problem, ArmConfig arm, long version, long takenAt) {
        return Decomposition.newBuilder()
                .setTakenAtMs(takenAt)
                .setWeightVersion(version)
                .setProblemId(problem.getId())
                .setExperiment(weights.experiment().name())
                .setArm(arm.name())
                .setSolverMode(arm.solverMode())
                .setSubquestions(List.of())
                .setProblem(problem);
    }
}
