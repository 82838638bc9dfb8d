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
import io.divconq.avro.SrmCheck;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.stats.Comparison;
import io.divconq.stats.ConfidenceSequences;
import io.divconq.stats.Interval;
import io.divconq.stats.MetricSpec;
import io.divconq.stats.RunningMoments;
import io.divconq.stats.SampleRatioMismatch;
import io.divconq.stats.SrmResult;
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

    public ExperimentEvaluation(ExperimentConfig config) {
        this.config = config;
        var s = config.statistics();
        this.accuracySpec = MetricSpec.accuracy().withAlpha(s.alpha()).withEquivalenceMargin(s.equivalenceMargin());
        this.costSpec = MetricSpec.costUsd(s.costEquivalenceMarginUsd(), s.plannedSamplesPerArm()).withAlpha(s.alpha());
    }

    /**
     * The result to publish, the state to keep (with newly fired guardrails and first verdicts recorded) and the
     * weight changes that stop routing to arms whose guardrail fired now.
     */
    public record Outcome(ExperimentResult result, ExperimentState state, List<ExperimentControl> stopRouting) {
    }

    /** The state of a new experiment: configured weights, nothing observed. */
    public ExperimentState initialState() {
        return ExperimentState.newBuilder().setWeights(new LinkedHashMap<>(config.weights())).build();
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
            armResults.add(ArmResult.newBuilder().setArm(arm).setStats(stats)
                    .setAccuracyLower(finite(acc == null ? null : acc.lower())).setAccuracyUpper(finite(acc == null ? null : acc.upper()))
                    .setAgreementLower(finite(agree == null ? null : agree.lower()))
                    .setAgreementUpper(finite(agree == null ? null : agree.upper())).build());
        }
        List<MetricComparison> comparisons = new ArrayList<>();
        List<FiredGuardrail> fired = new ArrayList<>();
        Map<String, FirstVerdict> firsts = new LinkedHashMap<>(state.getFirstVerdicts());
        ArmStats control = arms.get(config.control());
        for (String treatment : config.treatments()) {
            ArmStats t = arms.get(treatment);
            if (t == null || control == null) continue;
            Comparison accuracy = Comparison.of(accuracy(t), accuracy(control), accuracySpec);
            comparisons.add(toAvro(treatment, ACCURACY, accuracy, firsts, nowMs));
            comparisons.add(toAvro(treatment, COST, Comparison.of(cost(t), cost(control), costSpec), firsts, nowMs));
            comparisons.addAll(perDataset(treatment, t, control, firsts, nowMs));
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
                .setArms(armResults)
                .setComparisons(comparisons)
                .setSrm(srm(state))
                .setGuardrails(guardrailEvents)
                .setWeightChanges(new ArrayList<>(state.getChanges()))
                .build();
        List<FiredGuardrail> allFired = new ArrayList<>(state.getGuardrailsFired());
        allFired.addAll(fired);
        ExperimentState next = ExperimentState.newBuilder(state).setGuardrailsFired(allFired).setFirstVerdicts(firsts).build();
        return new Outcome(result, next, fired.stream().map(this::stopRouting).toList());
    }

    /** Applies a weight change to the state: new weights, the change on record, SRM counted afresh from here. */
    public ExperimentState applyControl(ExperimentState state, ExperimentControl change) {
        Map<String, Double> weights = new LinkedHashMap<>(state.getWeights());
        change.getWeights().forEach((arm, w) -> {
            if (weights.containsKey(arm) && w != null && w >= 0) weights.put(arm, w);
        });
        List<ExperimentControl> changes = new ArrayList<>(state.getChanges());
        changes.add(change);
        if (changes.size() > 100) changes = new ArrayList<>(changes.subList(changes.size() - 100, changes.size()));
        Map<String, Long> assigned = new LinkedHashMap<>();
        state.getArms().forEach((arm, s) -> assigned.put(arm, assigned(s)));
        return ExperimentState.newBuilder(state).setWeights(weights).setChanges(changes).setAssignedAtLastChange(assigned).build();
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

    private List<FiredGuardrail> guardrails(ExperimentState state, String arm, ArmStats t, ArmStats control, Comparison accuracy, long now) {
        var rules = config.guardrails();
        if (state.getWeights().getOrDefault(arm, 0.0) <= 0) return List.of();
        if (state.getGuardrailsFired().stream().anyMatch(g -> g.getArm().equals(arm))) return List.of();
        List<FiredGuardrail> out = new ArrayList<>();
        double drop = rules.accuracyDropPoints() / 100.0;
        if (rules.accuracyDropPoints() > 0 && t.getLabelled() >= rules.minProblems() && control.getLabelled() >= rules.minProblems()
                && accuracy.interval().upper() < -drop) {
            out.add(new FiredGuardrail(arm, "accuracy_drop > " + rules.accuracyDropPoints() + " points",
                    String.format("accuracy %.1f%% vs control %.1f%%: the difference is below -%.1f points with %.0f%% confidence "
                                    + "(interval [%.1f, %.1f] points); routing stopped",
                            100 * accuracy.treatmentMean(), 100 * accuracy.controlMean(), rules.accuracyDropPoints(),
                            100 * (1 - config.statistics().alpha()), 100 * accuracy.interval().lower(), 100 * accuracy.interval().upper()),
                    now));
        }
        long assigned = assigned(t);
        double dlRate = assigned == 0 ? 0 : (double) t.getDeadLetters() / assigned;
        if (out.isEmpty() && rules.maxDeadLetterRate() > 0 && assigned >= rules.minProblems() && dlRate > rules.maxDeadLetterRate()) {
            out.add(new FiredGuardrail(arm, "dead_letter_rate > " + rules.maxDeadLetterRate(),
                    String.format("dead-letter rate %.3f over %d problems exceeds %.3f; routing stopped",
                            dlRate, assigned, rules.maxDeadLetterRate()), now));
        }
        return out;
    }

    /** Chi-square of assignments since the last weight change against the current weights (arms with weight > 0). */
    private SrmCheck srm(ExperimentState state) {
        List<String> arms = new ArrayList<>();
        List<Long> observed = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String arm : armOrder(state)) {
            double w = state.getWeights().getOrDefault(arm, 0.0);
            if (w <= 0) continue;
            ArmStats s = state.getArms().get(arm);
            long since = (s == null ? 0 : assigned(s)) - state.getAssignedAtLastChange().getOrDefault(arm, 0L);
            arms.add(arm);
            observed.add(Math.max(0, since));
            weights.add(w);
        }
        long total = observed.stream().mapToLong(Long::longValue).sum();
        if (arms.size() < 2 || total == 0) return null;
        SrmResult r = SampleRatioMismatch.test(observed.stream().mapToLong(Long::longValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray());
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Long> obs = new LinkedHashMap<>();
        Map<String, Double> share = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            obs.put(arms.get(i), observed.get(i));
            share.put(arms.get(i), weights.get(i) / sum);
        }
        return SrmCheck.newBuilder().setChiSquare(r.chiSquare()).setDegreesOfFreedom(r.degreesOfFreedom())
                .setPValue(r.pValue()).setMismatch(r.mismatch()).setObserved(obs).setExpectedShare(share).build();
    }

    /** Control first, then treatments as configured, then anything else seen. */
    private List<String> armOrder(ExperimentState state) {
        List<String> order = new ArrayList<>();
        order.add(config.control());
        order.addAll(config.treatments());
        state.getArms().keySet().stream().sorted().filter(a -> !order.contains(a)).forEach(order::add);
        return order;
    }

    /** Problems assigned to an arm: scored or dead-lettered. */
    static long assigned(ArmStats s) {
        return s.getProblems() + s.getDeadLetters();
    }

    static RunningMoments accuracy(ArmStats s) {
        return new RunningMoments(s.getLabelled(), s.getMetricSum(), s.getMetricSquaresSum());
    }

    static RunningMoments cost(ArmStats s) {
        return new RunningMoments(s.getProblems(), s.getCostUsdDecompose() + s.getCostUsdSolve(), s.getCostSquaresSum());
    }

    /**
     * The same comparisons over each dataset both arms have labelled problems of, when the experiment sees more than
     * one dataset: a student equivalent on GSM8K but worse on DROP shows as such.
     */
    private List<MetricComparison> perDataset(String treatment, ArmStats t, ArmStats control, Map<String, FirstVerdict> firsts, long now) {
        java.util.Set<String> datasets = new java.util.TreeSet<>(t.getDatasets().keySet());
        datasets.addAll(control.getDatasets().keySet());
        List<MetricComparison> out = new ArrayList<>();
        if (datasets.size() < 2) return out;
        for (String dataset : datasets) {
            DatasetStats td = t.getDatasets().get(dataset);
            DatasetStats cd = control.getDatasets().get(dataset);
            if (td == null || cd == null || td.getLabelled() == 0 || cd.getLabelled() == 0) continue;
            out.add(toAvro(treatment, dataset, ACCURACY, Comparison.of(accuracy(td), accuracy(cd), accuracySpec), firsts, now));
            out.add(toAvro(treatment, dataset, COST, Comparison.of(cost(td), cost(cd), costSpec), firsts, now));
        }
        return out;
    }

    static RunningMoments accuracy(DatasetStats s) {
        return new RunningMoments(s.getLabelled(), s.getMetricSum(), s.getMetricSquaresSum());
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
        return new GuardrailEvent(g.getArm(), g.getRule(), g.getReason(), g.getAtMs());
    }

    /** Avro and JSON have no infinities: an unbounded or undefined value is null. */
    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
