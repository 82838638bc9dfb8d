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

/**
 * Assigns a problem to its arm and asks the arm's decomposer for subquestions (no call for DIRECT arms). In shadow
 * mode a sample of problems, drawn on the problem id, is also decomposed by the control's decomposer: a second,
 * shadow decomposition, made by a side job of its own (see {@link AsyncJob#side()}) that never delays or holds the
 * arm's own call. Treatment problems are sampled at {@code experiment.shadow.rate} (treatment vs control), control
 * problems at {@code baselineRate} (control vs control: the solver's own variability, the agreement floor). The arm's
 * own decomposition records that it was sampled, and whether its shadow run was skipped (shadow queue full).
 */
public final class DecomposeStage implements AsyncStage<Problem, List<Decomposition>> {

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
        var shadowConfig = experiment.shadow();
        boolean sampled = assigner.sampled("shadow", problem.getId(),
                arm.name().equals(control.name()) ? shadowConfig.baselineRate() : shadowConfig.rate());
        AsyncJob<List<Decomposition>> own = run(problem, arm, arm, false, sampled, version, takenAt, info);
        if (!sampled) return own;
        return own.withSide(run(problem, arm, control, true, false, version, takenAt, info.asShadow()),
                ds -> ds.stream().map(d -> Decomposition.newBuilder(d).setShadowSkipped(true).build()).toList());
    }

    /** The job asking {@code decomposer} (the arm's own, or the control's for a shadow run) about the arm's problem. */
    private AsyncJob<List<Decomposition>> run(Problem problem, ArmConfig arm, ArmConfig decomposer, boolean shadow, boolean sampled,
                                             long version, long takenAt, JobInfo info) {
        if (decomposer.solverMode() == SolverMode.DIRECT) {
            Decomposition d = Decomposition.newBuilder(direct(problem, arm, version, takenAt)).setSolverMode(decomposer.solverMode())
                    .setShadow(shadow).setShadowSampled(sampled).build();
            return AsyncJob.immediate(info, List.of(d));
        }
        ModelRoute route = router.route(decomposer.endpoint(), decomposer.model());
        return new AsyncJob<>(info, route.permits(), () -> route.call(
                        Prompts.decompose(PromptQuestion.of(problem), decomposer.promptVariant()), maxTokens)
                .thenApply(reply -> List.of(toDecomposition(problem, arm, decomposer, reply, shadow, sampled, version, takenAt))));
    }

    private Decomposition toDecomposition(Problem problem, ArmConfig arm, ArmConfig decomposer, ChatResponse reply, boolean shadow,
                                          boolean sampled, long version, long takenAt) {
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
                .setShadowSampled(sampled)
                .build();
    }

    private Decomposition direct(Problem problem, ArmConfig arm, long version, long takenAt) {
        return base(problem, arm, version, takenAt).setNoDecomposition(true).setUsage(new TokenUsage(0L, 0L)).setCalls(0).setLatencyMs(0L)
                .setDecomposedAtMs(System.currentTimeMillis()).build();
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
