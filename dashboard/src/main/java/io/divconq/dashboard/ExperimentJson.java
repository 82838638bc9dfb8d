package io.divconq.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.divconq.avro.ArmResult;
import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.avro.MetricComparison;
import io.divconq.avro.SrmCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON view of experiment results: the dashboard's API and the run report write these records (Jackson,
 * snake_case; null where a value is not defined yet, never NaN).
 */
public final class ExperimentJson {

    /** Writes the records of this view. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ExperimentJson() {
    }

    public static Experiment of(ExperimentResult r, String priceTableVersion) {
        return new Experiment(r.getExperiment(), r.getControl(), r.getUpdatedAtMs(), simulated(r), priceTableVersion,
                r.getAlpha(), r.getEquivalenceMargin(), r.getWeights(),
                r.getArms().stream().map(a -> Arm.of(a, r)).toList(),
                r.getComparisons().stream().map(Comparison::of).toList(),
                r.getSrm() == null ? null : Srm.of(r.getSrm()),
                r.getGuardrails().stream().map(Guardrail::of).toList(),
                r.getWeightChanges().stream().map(WeightChange::of).toList());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Experiment(String experiment, String control, long updatedAtMs, boolean simulated, String priceTableVersion,
                             double alpha, double equivalenceMargin, Map<String, Double> weights, List<Arm> arms,
                             List<Comparison> comparisons, Srm srm, List<Guardrail> guardrails, List<WeightChange> weightChanges) {
    }

    /**
     * One arm's totals. {@code role}, {@code weight} and the intervals are set when the arm is part of a judged
     * experiment, null otherwise.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Arm(String arm, String role, Double weight, long problems, long labelled, Double labelCoverage, long correct,
                      Double accuracy, List<Double> accuracyCi, double costUsdDecompose, double costUsdSolve,
                      Double costPerProblemUsd, Double costPerCorrectUsd, long promptTokens, long completionTokens,
                      long latencyP50Ms, long latencyP95Ms, long latencyP99Ms, Long pipelineLatencyP50Ms,
                      Long pipelineLatencyP95Ms, long deadLetters, Double deadLetterRate,
                      Double strictAccuracy, Double flexibleAccuracy, long failed, long infrastructureFailures,
                      Map<String, Long> failuresByKind, long feedbackLabelled, Double feedbackAccuracy,
                      Map<String, Dataset> datasets, boolean simulated, Shadow shadow) {

        static Arm of(ArmResult a, ExperimentResult r) {
            return of(a.getArm(), a.getStats(), a.getArm().equals(r.getControl()) ? "control" : "treatment",
                    r.getWeights().get(a.getArm()), pair(a.getAccuracyLower(), a.getAccuracyUpper()),
                    pair(a.getAgreementLower(), a.getAgreementUpper()));
        }

        /** An arm outside a judged experiment (no role, weight or intervals). */
        public static Arm of(String arm, ArmStats s) {
            return of(arm, s, null, null, pair(null, null), pair(null, null));
        }

        private static Arm of(String arm, ArmStats s, String role, Double weight, List<Double> accuracyCi, List<Double> agreementCi) {
            double cost = s.getCostUsdDecompose() + s.getCostUsdSolve();
            Shadow shadow = s.getShadowPairs() == 0 && s.getShadowSampled() == 0 && s.getShadowFailures() == 0 ? null
                    : new Shadow("control".equals(role) ? "control-vs-control" : "vs-control", s.getShadowSampled(),
                    s.getShadowSkipped(), s.getShadowFailures(), s.getShadowPairs(), s.getShadowAgreements(),
                    ratio(s.getShadowAgreements(), s.getShadowPairs()), agreementCi, s.getShadowCostUsd());
            return new Arm(arm, role, finite(weight), s.getProblems(), s.getLabelled(), ratio(s.getLabelled(), s.getProblems()),
                    s.getCorrect(), ExperimentJson.accuracy(s), accuracyCi, s.getCostUsdDecompose(), s.getCostUsdSolve(),
                    s.getProblems() == 0 ? null : cost / s.getProblems(), ExperimentJson.costPerCorrect(s), s.getPromptTokens(),
                    s.getCompletionTokens(), s.getLatencyP50Ms(), s.getLatencyP95Ms(), s.getLatencyP99Ms(),
                    pipeline(s, s.getPipelineLatencyP50Ms()), pipeline(s, s.getPipelineLatencyP95Ms()), s.getDeadLetters(),
                    ratio(s.getDeadLetters(), s.getProblems()), // problems include the failed ones (intention to treat)
                    ratio(s.getStrictCorrect(), s.getLabelled()), ratio(s.getFlexibleCorrect(), s.getLabelled()),
                    s.getFailed(), s.getInfrastructureFailures(), new TreeMap<>(s.getFailuresByKind()), s.getFeedbackLabelled(),
                    ratio(s.getFeedbackCorrect(), s.getFeedbackLabelled()), Dataset.of(s),
                    s.getProblems() > 0 && s.getSimulatedProblems() == s.getProblems(), shadow);
        }
    }

    /** A pipeline latency percentile, null while no problem of the arm has one (records from before takenAtMs). */
    private static Long pipeline(ArmStats s, long percentile) {
        return s.getPipelineLatencyHistogram().isEmpty() ? null : percentile;
    }

    /**
     * One arm on one dataset: accuracy is the mean value measure (DROP: F1), correct_share the share judged correct,
     * each measure's mean over labelled problems; cost and tokens over all its problems.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Dataset(long problems, long labelled, long correct, Double accuracy, Double correctShare,
                          Map<String, Double> measures, double costUsdDecompose, double costUsdSolve, Double costPerProblemUsd,
                          long promptTokens, long completionTokens) {

        static Map<String, Dataset> of(ArmStats s) {
            Map<String, Dataset> out = new TreeMap<>();
            s.getDatasets().forEach((name, d) -> out.put(name, of(d)));
            return out;
        }

        public static Dataset of(DatasetStats d) {
            Map<String, Double> measures = new TreeMap<>();
            d.getMeasureSums().forEach((m, sum) -> measures.put(m, d.getLabelled() == 0 ? null : finite(sum / d.getLabelled())));
            return new Dataset(d.getProblems(), d.getLabelled(), d.getCorrect(),
                    d.getLabelled() == 0 ? null : finite(d.getMetricSum() / d.getLabelled()), ratio(d.getCorrect(), d.getLabelled()),
                    measures, d.getCostUsdDecompose(), d.getCostUsdSolve(),
                    d.getProblems() == 0 ? null : (d.getCostUsdDecompose() + d.getCostUsdSolve()) / d.getProblems(),
                    d.getPromptTokens(), d.getCompletionTokens());
        }
    }

    /**
     * An arm's shadow runs: on the control, {@code control-vs-control} (the control decomposing its own problems a
     * second time: the agreement floor from the solver's own variability); on a treatment, {@code vs-control}.
     * sampled = problems drawn for a shadow run; skipped = of those, dropped because the shadow queue was full;
     * failures = shadow runs that failed (never counted against the arm); pairs = both answers in.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Shadow(String comparedWith, long sampled, long skipped, long failures, long pairs, long agreements,
                         Double agreement, List<Double> agreementCi, double costUsd) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comparison(String treatment, String dataset, String metric, Double treatmentMean, Double controlMean, Double difference,
                             Double relativeDifference, List<Double> ci, String verdict, long samplesTreatment,
                             long samplesControl, FirstDecided firstDecided) {

        /** A comparison; {@code dataset} is null for one over all the experiment's problems. */
        public static Comparison of(MetricComparison c) {
            return new Comparison(c.getTreatment(), c.getDataset(), c.getMetric(), finite(c.getTreatmentMean()), finite(c.getControlMean()),
                    finite(c.getDifference()), finite(c.getRelativeDifference()), pair(c.getLower(), c.getUpper()),
                    c.getVerdict(), c.getTreatmentSamples(), c.getControlSamples(),
                    c.getFirstDecidedAtMs() == null ? null : new FirstDecided(c.getFirstDecidedAtMs(),
                            c.getFirstDecidedTreatmentSamples(), c.getFirstDecidedControlSamples()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FirstDecided(long atMs, Long samplesTreatment, Long samplesControl) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Srm(double chiSquare, int degreesOfFreedom, double pValue, boolean mismatch, Map<String, Long> observed,
                      Map<String, Double> expectedShare) {

        static Srm of(SrmCheck s) {
            return new Srm(s.getChiSquare(), s.getDegreesOfFreedom(), s.getPValue(), s.getMismatch(), s.getObserved(),
                    s.getExpectedShare());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Guardrail(String arm, String rule, String reason, long atMs) {
        static Guardrail of(GuardrailEvent g) {
            return new Guardrail(g.getArm(), g.getRule(), g.getReason(), g.getAtMs());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WeightChange(long atMs, Map<String, Double> weights, String reason, String source) {
        static WeightChange of(ExperimentControl c) {
            return new WeightChange(c.getAtMs(), c.getWeights(), c.getReason(), c.getSource());
        }
    }

    /** Accuracy (mean metric) over labelled problems, or null when none is labelled. */
    public static Double accuracy(ArmStats s) {
        return s.getLabelled() == 0 ? null : s.getMetricSum() / s.getLabelled();
    }

    /** Expected dollars per correct answer: cost per problem divided by accuracy. */
    public static Double costPerCorrect(ArmStats s) {
        Double acc = accuracy(s);
        if (acc == null || acc == 0 || s.getProblems() == 0) return null;
        return (s.getCostUsdDecompose() + s.getCostUsdSolve()) / s.getProblems() / acc;
    }

    public static boolean simulated(ExperimentResult r) {
        return !r.getArms().isEmpty() && r.getArms().stream().allMatch(a ->
                a.getStats().getProblems() > 0 && a.getStats().getSimulatedProblems() == a.getStats().getProblems());
    }

    /** An interval as a two-element list, null ends where undefined. */
    public static List<Double> pair(Double lower, Double upper) {
        return new ArrayList<>(Arrays.asList(finite(lower), finite(upper)));
    }

    /** The number, or null when it is missing or not finite (JSON has no NaN or infinity). */
    public static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    private static Double ratio(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }
}
