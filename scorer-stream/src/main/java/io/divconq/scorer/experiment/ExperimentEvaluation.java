package io.divconq.scorer.experiment;

import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.FiredGuardrail;
import io.divconq.avro.FirstVerdict;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.weights.WeightChanges;
import io.divconq.common.weights.WeightDecision;
import io.divconq.common.weights.Weights;
import io.divconq.stats.Comparison;
import io.divconq.stats.ConfidenceSequences;
import io.divconq.stats.Interval;
import io.divconq.stats.MetricSpec;
import io.divconq.stats.RunningMoments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges an experiment from its state: per-arm intervals, treatment-vs-control comparisons of accuracy and cost
 * with always-valid confidence sequences and verdicts, the sample-ratio check, and which guardrails newly fire.
 * Pure: the same state gives the same result.
 */
public final class ExperimentEvaluation {

    /** Metric names in comparisons. */
    public static final String ACCURACY = "accuracy";
    public static final String COST = "cost_per_problem_usd";

    private final ExperimentConfig config;
    private final MetricSpec accuracySpec;
    private final MetricSpec costSpec;
    private final MetricSpec failureSpec;

    public ExperimentEvaluation(ExperimentConfig config) {
        this.config = config;
        var s = config.statistics();
        this.accuracySpec = MetricSpec.accuracy().withAlpha(s.alpha()).withEquivalenceMargin(s.equivalenceMargin());
        this.costSpec = MetricSpec.costUsd(s.costEquivalenceMarginUsd(), s.maxCostPerProblemUsd()).withAlpha(s.alpha());
        this.failureSpec = MetricSpec.rate("failure_rate").withAlpha(s.alpha());
    }

    /**
     * The result to publish, the state to keep (with newly fired guardrails and first verdicts recorded) and the
     * weight changes that stop routing to arms whose guardrail fired now.
     */
    public record Outcome(ExperimentResult result, ExperimentState state, List<ExperimentControl> stopRouting) {
    }

    /** The state of a new experiment: configured weights (version 0), nothing observed. */
    public ExperimentState initialState() {
        return ExperimentState.newBuilder().setWeights(new LinkedHashMap<>(config.weights()))
                .setWeightsByVersion(new LinkedHashMap<>(Map.of("0", new LinkedHashMap<>(config.weights())))).build();
    }

    public Outcome evaluate(ExperimentState state, long nowMs) {
        Map<String, ArmStats> arms = state.getArms();
        List<ArmResult> armResults = new ArrayList<>();
        for (String arm : armOrder(state)) {
            ArmStats stats = arms.get(arm);
            if (stats == null) continue;
            Interval acc = stats.getLabelled() == 0 ? null : ConfidenceSequences.mean(accuracy(stats), accuracySpec);
            Interval agree = stats.getShadowPairs() == 0 ? null : ConfidenceSequences.mean(
                    new RunningMoments(stats.getShadowPairs(), stats.getShadowAgreements(), stats.getShadowAgreements()), accuracySpec);
            Interval feedback = stats.getFeedbackLabelled() == 0 ? null : ConfidenceSequences.mean(feedbackAccuracy(stats), accuracySpec);
            Interval failures = failures(stats).n() == 0 ? null : ConfidenceSequences.mean(failures(stats), failureSpec);
            armResults.add(ArmResult.newBuilder().setArm(arm).setStats(stats)
                    .setFailureRateLower(finite(failures == null ? null : failures.lower()))
                    .setFailureRateUpper(finite(failures == null ? null : failures.upper()))
                    .setFeedbackAccuracyLower(finite(feedback == null ? null : feedback.lower()))
                    .setFeedbackAccuracyUpper(finite(feedback == null ? null : feedback.upper()))
                    .setAccuracyLower(finite(acc == null ? null : acc.lower())).setAccuracyUpper(finite(acc == null ? null : acc.upper()))
                    .setAgreementLower(finite(agree == null ? null : agree.lower()))
                    .setAgreementUpper(finite(agree == null ? null : agree.upper())).build());
        }
        List<MetricComparison> comparisons = new ArrayList<>();
        List<FiredGuardrail> fired = new ArrayList<>();
        Map<String, FirstVerdict> firsts = new LinkedHashMap<>(state.getFirstVerdicts());
        ArmStats control = arms.get(config.control());
        java.util.Set<String> cohorts = VerdictLabels.feedbackCohorts(config, arms.values());
        for (String treatment : config.treatments()) {
            ArmStats t = arms.get(treatment);
            if (t == null || control == null) continue;
            Comparison accuracy = Comparison.of(VerdictLabels.accuracy(t, cohorts), VerdictLabels.accuracy(control, cohorts), accuracySpec);
            comparisons.add(toAvro(treatment, ACCURACY, accuracy, firsts, nowMs));
            comparisons.add(costComparison(treatment, t, control, firsts, nowMs));
            comparisons.addAll(perDataset(treatment, t, control, cohorts, firsts, nowMs));
            fired.addAll(guardrails(state, treatment, t, control, accuracy, nowMs));
        }
        List<GuardrailEvent> guardrailEvents = new ArrayList<>();
        for (FiredGuardrail g : state.getGuardrailsFired()) guardrailEvents.add(event(g));
        for (FiredGuardrail g : fired) guardrailEvents.add(event(g));
        ExperimentResult result = ExperimentResult.newBuilder()
                .setExperiment(config.name())
                .setControl(config.control())
                .setUpdatedAtMs(nowMs)
                .setAlpha(config.statistics().alpha())
                .setEquivalenceMargin(config.statistics().equivalenceMargin())
                .setWeights(new LinkedHashMap<>(state.getWeights()))
                .setWeightVersion(state.getWeightVersion())
                .setRejectedChanges(new ArrayList<>(state.getRejectedChanges()))
                .setLabels(state.getLabels())
                .setVerdictLabels(config.verdictLabels())
                .setFeedbackCohorts(new ArrayList<>(cohorts))
                .setArms(armResults)
                .setComparisons(comparisons)
                .setSrm(EpochSrm.check(state, armOrder(state)))
                .setGuardrails(guardrailEvents)
                .setWeightChanges(new ArrayList<>(state.getChanges()))
                .build();
        List<FiredGuardrail> allFired = new ArrayList<>(state.getGuardrailsFired());
        allFired.addAll(fired);
        ExperimentState next = ExperimentState.newBuilder(state).setGuardrailsFired(allFired).setFirstVerdicts(firsts).build();
        return new Outcome(result, next, fired.stream().map(this::stopRouting).toList());
    }

    /**
     * Applies a weight change through {@link WeightChanges} (the function the decomposer and the weights command use):
     * accepted, it gives the new weights and version and is kept on record; rejected, it is recorded as rejected and
     * changes nothing; for another experiment, it is ignored.
     */
    public ExperimentState applyControl(ExperimentState state, ExperimentControl change) {
        Weights current = new Weights(state.getWeightVersion(), state.getWeights());
        WeightDecision decision = WeightChanges.apply(config, current, change);
        if (decision instanceof WeightDecision.Rejected) {
            return ExperimentState.newBuilder(state).setRejectedChanges(lastHundred(state.getRejectedChanges(), change)).build();
        }
        if (!(decision instanceof WeightDecision.Accepted accepted)) return state;
        Weights next = accepted.weights();
        Map<String, Map<String, Double>> byVersion = new LinkedHashMap<>(state.getWeightsByVersion());
        byVersion.put(Long.toString(next.version()), new LinkedHashMap<>(next.byArm()));
        return ExperimentState.newBuilder(state).setWeights(new LinkedHashMap<>(next.byArm())).setWeightVersion(next.version())
                .setWeightsByVersion(byVersion).setChanges(lastHundred(state.getChanges(), change)).build();
    }

    private static List<ExperimentControl> lastHundred(List<ExperimentControl> history, ExperimentControl change) {
        List<ExperimentControl> out = new ArrayList<>(history);
        out.add(change);
        return out.size() > 100 ? new ArrayList<>(out.subList(out.size() - 100, out.size())) : out;
    }

    /** Records an arm's latest totals. */
    public ExperimentState applyArmStats(ExperimentState state, ArmStats stats) {
        if (!state.getWeights().containsKey(stats.getArm())) return state;
        Map<String, ArmStats> arms = new LinkedHashMap<>(state.getArms());
        arms.put(stats.getArm(), stats);
        return ExperimentState.newBuilder(state).setArms(arms).build();
    }

    /** The weight change that stops routing to an arm whose guardrail fired. */
    ExperimentControl stopRouting(FiredGuardrail g) {
        return ExperimentControl.newBuilder().setExperiment(config.name()).setWeights(Map.of(g.getArm(), 0.0))
                .setReason("guardrail " + g.getRule() + ": " + g.getReason()).setSource("guardrail").setAtMs(g.getAtMs()).build();
    }

    /**
     * Guardrails on always-valid bounds, each firing recorded with the bound that triggered it: the accuracy difference's
     * upper bound below minus the allowed drop, or the failure rate's lower bound above the allowed rate.
     */
    private List<FiredGuardrail> guardrails(ExperimentState state, String arm, ArmStats t, ArmStats control, Comparison accuracy, long now) {
        var rules = config.guardrails();
        if (state.getWeights().getOrDefault(arm, 0.0) <= 0) return List.of();
        if (state.getGuardrailsFired().stream().anyMatch(g -> g.getArm().equals(arm))) return List.of();
        List<FiredGuardrail> out = new ArrayList<>();
        double drop = rules.accuracyDropPoints() / 100.0;
        if (rules.accuracyDropPoints() > 0 && accuracy.treatmentN() >= rules.minProblems() && accuracy.controlN() >= rules.minProblems()
                && accuracy.interval().upper() < -drop) {
            out.add(new FiredGuardrail(arm, "accuracy_drop > " + rules.accuracyDropPoints() + " points",
                    String.format("accuracy %.1f%% vs control %.1f%%: the difference is below -%.1f points with %.0f%% confidence "
                                    + "(interval [%.1f, %.1f] points); routing stopped",
                            100 * accuracy.treatmentMean(), 100 * accuracy.controlMean(), rules.accuracyDropPoints(),
                            100 * (1 - config.statistics().alpha()), 100 * accuracy.interval().lower(), 100 * accuracy.interval().upper()),
                    now, accuracy.interval().upper(), -drop));
        }
        RunningMoments failures = failures(t);
        if (out.isEmpty() && rules.maxDeadLetterRate() > 0 && failures.n() >= rules.minProblems()) {
            Interval rate = ConfidenceSequences.mean(failures, failureSpec);
            if (rate.lower() > rules.maxDeadLetterRate()) {
                out.add(new FiredGuardrail(arm, "failure_rate > " + rules.maxDeadLetterRate(),
                        String.format("failure rate %.3f over %d problems: above %.3f with %.0f%% confidence (interval [%.3f, %.3f]);"
                                        + " routing stopped", failures.mean(), failures.n(), rules.maxDeadLetterRate(),
                                100 * (1 - config.statistics().alpha()), rate.lower(), rate.upper()),
                        now, rate.lower(), rules.maxDeadLetterRate()));
            }
        }
        return out;
    }

    /**
     * Cost per problem with the empirical-Bernstein sequence over [0, maxCostPerProblemUsd]; withheld (no verdict, with
     * a note) once either arm had a problem costing more than that bound, since the interval then no longer holds.
     */
    private MetricComparison costComparison(String treatment, ArmStats t, ArmStats control, Map<String, FirstVerdict> firsts, long now) {
        double bound = costSpec.upperBound();
        double maxSeen = Math.max(t.getMaxCostUsd(), control.getMaxCostUsd());
        Comparison c = Comparison.of(cost(t), cost(control), costSpec);
        if (maxSeen <= bound) return toAvro(treatment, COST, c, firsts, now);
        Comparison withheld = new Comparison(c.metric(), c.treatmentN(), c.controlN(), c.treatmentMean(), c.controlMean(),
                c.difference(), c.relativeDifference(), new Interval(-bound, bound), io.divconq.stats.Verdict.NO_DIFFERENCE_YET);
        MetricComparison out = toAvro(treatment, COST, withheld, firsts, now);
        out.setNote(String.format("a problem cost $%.4f, above maxCostPerProblemUsd $%.4f: cost verdict withheld; raise the bound",
                maxSeen, bound));
        return out;
    }

    /** Control first, then treatments as configured, then anything else seen. */
    private List<String> armOrder(ExperimentState state) {
        List<String> order = new ArrayList<>();
        order.add(config.control());
        order.addAll(config.treatments());
        state.getArms().keySet().stream().sorted().filter(a -> !order.contains(a)).forEach(order::add);
        return order;
    }

    /** Gold-labelled problems, failed ones included as not correct (intention to treat). */
    static RunningMoments accuracy(ArmStats s) {
        return new RunningMoments(s.getLabelled(), s.getMetricSum(), s.getMetricSquaresSum());
    }

    /** Problems labelled only from the feedback topic, kept apart from gold. */
    static RunningMoments feedbackAccuracy(ArmStats s) {
        return new RunningMoments(s.getFeedbackLabelled(), s.getFeedbackMetricSum(), s.getFeedbackMetricSquaresSum());
    }

    /** Cost per problem over every problem but infrastructure failures (failed ones cost what they spent). */
    static RunningMoments cost(ArmStats s) {
        return new RunningMoments(s.getProblems() - s.getInfrastructureFailures(), s.getCostUsdDecompose() + s.getCostUsdSolve(),
                s.getCostSquaresSum(), s.getCostPredictableSquaresSum());
    }

    /** Method failures (0/1) over every problem but infrastructure failures. */
    static RunningMoments failures(ArmStats s) {
        return new RunningMoments(s.getProblems() - s.getInfrastructureFailures(), s.getFailed(), s.getFailed());
    }

    /**
     * The same comparisons over each dataset both arms have labelled problems of, when the experiment sees more than
     * one dataset: a student equivalent on GSM8K but worse on DROP shows as such.
     */
    private List<MetricComparison> perDataset(String treatment, ArmStats t, ArmStats control, java.util.Set<String> cohorts,
                                              Map<String, FirstVerdict> firsts, long now) {
        java.util.Set<String> datasets = new java.util.TreeSet<>(t.getDatasets().keySet());
        datasets.addAll(control.getDatasets().keySet());
        List<MetricComparison> out = new ArrayList<>();
        if (datasets.size() < 2) return out;
        for (String dataset : datasets) {
            DatasetStats td = t.getDatasets().get(dataset);
            DatasetStats cd = control.getDatasets().get(dataset);
            if (td == null || cd == null) continue;
            RunningMoments ta = VerdictLabels.accuracy(td, cohorts.contains(dataset));
            RunningMoments ca = VerdictLabels.accuracy(cd, cohorts.contains(dataset));
            if (ta.n() == 0 || ca.n() == 0) continue;
            out.add(toAvro(treatment, dataset, ACCURACY, Comparison.of(ta, ca, accuracySpec), firsts, now));
            out.add(toAvro(treatment, dataset, COST, Comparison.of(cost(td), cost(cd), costSpec), firsts, now));
        }
        return out;
    }

    static RunningMoments cost(DatasetStats s) {
        return new RunningMoments(s.getProblems(), s.getCostUsdDecompose() + s.getCostUsdSolve(), s.getCostSquaresSum());
    }

    private static MetricComparison toAvro(String treatment, String metric, Comparison c, Map<String, FirstVerdict> firsts, long now) {
        return toAvro(treatment, null, metric, c, firsts, now);
    }

    private static MetricComparison toAvro(String treatment, String dataset, String metric, Comparison c, Map<String, FirstVerdict> firsts,
                                           long now) {
        String key = treatment + "/" + (dataset == null ? "" : dataset + "/") + metric;
        if (c.verdict() != io.divconq.stats.Verdict.NO_DIFFERENCE_YET && !firsts.containsKey(key)) {
            firsts.put(key, new FirstVerdict(c.verdict().name(), now, c.treatmentN(), c.controlN()));
        }
        FirstVerdict first = firsts.get(key);
        return MetricComparison.newBuilder().setTreatment(treatment).setDataset(dataset).setMetric(metric)
                .setFirstDecidedAtMs(first == null ? null : first.getAtMs())
                .setFirstDecidedTreatmentSamples(first == null ? null : first.getTreatmentSamples())
                .setFirstDecidedControlSamples(first == null ? null : first.getControlSamples())
                .setTreatmentMean(finite(c.treatmentMean())).setControlMean(finite(c.controlMean()))
                .setDifference(finite(c.difference())).setRelativeDifference(finite(c.relativeDifference()))
                .setLower(finite(c.interval().lower())).setUpper(finite(c.interval().upper()))
                .setVerdict(c.verdict().name()).setTreatmentSamples(c.treatmentN()).setControlSamples(c.controlN()).build();
    }

    private static GuardrailEvent event(FiredGuardrail g) {
        return new GuardrailEvent(g.getArm(), g.getRule(), g.getReason(), g.getAtMs(), g.getBound(), g.getThreshold());
    }

    /** Avro and JSON have no infinities: an unbounded or undefined value is null. */
    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
