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
import io.divconq.common.prompts.Prompts;
import io.divconq.llm.ChatResponse;
import java.util.List;

/** Assigns a problem to its arm and asks the arm's decomposer for subquestions (no call for DIRECT arms). */
public final class DecomposeStage implements AsyncStage<Problem, Decomposition> {

    private final String experiment;
    private final ArmAssigner assigner;
    private final ModelRouter router;
    private final DecompositionParser parser;
    private final int maxTokens;

    public DecomposeStage(DivconqConfig config, ModelRouter router) {
        this.experiment = config.experiment().name();
        this.assigner = new ArmAssigner(config.experiment());
        this.router = router;
        this.parser = new DecompositionParser(config.decomposer().maxSubquestions());
        this.maxTokens = config.decomposer().maxTokens();
    }

    @Override
    public AsyncJob<Decomposition> prepare(Problem problem) {
        if (problem.getId() == null || problem.getId().isBlank()) throw InvalidRecordException.missingField("id");
        if (problem.getQuestion() == null || problem.getQuestion().isBlank()) throw InvalidRecordException.missingField("question");
        ArmConfig arm = assigner.assign(problem);
        JobInfo info = new JobInfo(problem.getId(), experiment, arm.name());
        if (arm.solverMode() == SolverMode.DIRECT) {
            return AsyncJob.immediate(info, base(problem, arm).setNoDecomposition(true)
                    .setUsage(new TokenUsage(0L, 0L)).setCalls(0).setLatencyMs(0L)
                    .setDecomposedAtMs(System.currentTimeMillis()).build());
        }
        ModelRoute route = router.route(arm.endpoint(), arm.model());
        return new AsyncJob<>(info, route.limiter(), () -> route
                .call(Prompts.decompose(problem.getQuestion(), arm.promptVariant()), maxTokens)
                .thenApply(reply -> toDecomposition(problem, arm, reply)));
    }

    private Decomposition toDecomposition(Problem problem, ArmConfig arm, ChatResponse reply) {
        ParsedDecomposition parsed = parser.parse(reply.content());
        List<String> subquestions = parsed instanceof ParsedDecomposition.Subquestions s ? s.questions() : List.of();
        return base(problem, arm)
                .setSubquestions(subquestions)
                .setNoDecomposition(parsed instanceof ParsedDecomposition.NoDecomposition)
                .setRawReply(reply.content())
                .setModel(arm.model())
                .setUsage(new TokenUsage(reply.promptTokens(), reply.completionTokens()))
                .setCalls(1)
                .setLatencyMs(reply.latencyMs())
                .setDecomposedAtMs(System.currentTimeMillis())
                .setSimulated(reply.simulated())
                .build();
    }

    private Decomposition.Builder base(Problem problem, ArmConfig arm) {
        return Decomposition.newBuilder()
                .setProblemId(problem.getId())
                .setExperiment(experiment)
                .setArm(arm.name())
                .setSolverMode(arm.solverMode())
                .setSubquestions(List.of())
                .setProblem(problem);
    }
}
