package io.divconq.common.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An A/B experiment over decomposers: a control arm, treatment arms and weights, and how it is judged.
 * The salt makes assignment independent across experiments; assignmentKey is "id" or a problem attribute.
 * verdictLabels: {@link #GOLD} (default) or {@link #FEEDBACK_COMPLETE_COHORTS}, where a dataset's feedback labels
 * also count once, in every arm, at least {@code feedbackCohortCoverage} of its problems are labelled.
 */
public record ExperimentConfig(String name, String salt, String assignmentKey, String control, List<ArmConfig> arms,
                               Statistics statistics, Shadow shadow, Guardrails guardrails, long feedbackWindowMs,
                               long windowMs, String verdictLabels, double feedbackCohortCoverage) {

    /** Verdicts and guardrails read gold labels only. */
    public static final String GOLD = "gold";
    /** ... plus feedback labels of the datasets (cohorts) whose labels are complete in every arm. */
    public static final String FEEDBACK_COMPLETE_COHORTS = "feedback-complete-cohorts";
    public static final double DEFAULT_FEEDBACK_COHORT_COVERAGE = 0.95;

    public ExperimentConfig {
        if (name == null || name.isBlank()) throw new ConfigException("experiment.name is required");
        salt = salt == null ? name : salt;
        assignmentKey = assignmentKey == null || assignmentKey.isBlank() ? "id" : assignmentKey;
        arms = List.copyOf(arms == null ? List.of() : arms);
        if (arms.isEmpty()) throw new ConfigException("experiment.arms must list at least one arm");
        Set<String> names = new HashSet<>();
        for (ArmConfig arm : arms) {
            if (!names.add(arm.name())) throw new ConfigException("arm '" + arm.name() + "' is listed twice");
        }
        if (arms.stream().mapToDouble(ArmConfig::weight).sum() <= 0) {
            throw new ConfigException("experiment arms' weights must add up to more than 0");
        }
        control = control == null || control.isBlank() ? arms.get(0).name() : control;
        if (!names.contains(control)) throw new ConfigException("experiment.control '" + control + "' is not an arm");
        statistics = statistics == null ? Statistics.DEFAULTS : statistics;
        shadow = shadow == null ? new Shadow(0.0) : shadow;
        guardrails = guardrails == null ? Guardrails.DEFAULTS : guardrails;
        feedbackWindowMs = feedbackWindowMs <= 0 ? 86_400_000L : feedbackWindowMs;
        windowMs = windowMs <= 0 ? 60_000L : windowMs;
        verdictLabels = verdictLabels == null || verdictLabels.isBlank() ? GOLD : verdictLabels;
        if (!verdictLabels.equals(GOLD) && !verdictLabels.equals(FEEDBACK_COMPLETE_COHORTS)) {
            throw new ConfigException("experiment.verdictLabels must be " + GOLD + " or " + FEEDBACK_COMPLETE_COHORTS + ", was '"
                    + verdictLabels + "'");
        }
        feedbackCohortCoverage = feedbackCohortCoverage == 0 ? DEFAULT_FEEDBACK_COHORT_COVERAGE : feedbackCohortCoverage;
        if (!(feedbackCohortCoverage > 0 && feedbackCohortCoverage <= 1)) {
            throw new ConfigException("experiment.feedbackCohortCoverage must be in (0, 1], was " + feedbackCohortCoverage);
        }
    }

    public Optional<ArmConfig> arm(String armName) {
        return arms.stream().filter(a -> a.name().equals(armName)).findFirst();
    }

    /** The configured weight of every arm, in the configured order. */
    public Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        arms.forEach(a -> w.put(a.name(), a.weight()));
        return w;
    }

    public List<String> treatments() {
        return arms.stream().map(ArmConfig::name).filter(a -> !a.equals(control)).toList();
    }

    /**
     * alpha: error rate of the always-valid intervals; equivalenceMargin: accuracy difference (fraction) within which
     * arms count as equivalent; costEquivalenceMarginUsd: the same for the cost per problem; maxCostPerProblemUsd:
     * the most one problem can cost (max tokens times price), the range of the cost interval — the tighter, the
     * sooner a cost verdict, but a problem above it withholds the cost verdict.
     */
    public record Statistics(double alpha, double equivalenceMargin, double costEquivalenceMarginUsd, double maxCostPerProblemUsd) {
        /**
         * 256 decomposer plus 4 x 1,024 solver completion tokens and as many prompt tokens again, at $0.002/1K, with
         * headroom: about 3x what the default configuration can spend on one problem.
         */
        public static final double DEFAULT_MAX_COST_PER_PROBLEM_USD = 0.05;
        static final Statistics DEFAULTS = new Statistics(0.05, 0.02, 0.00001, DEFAULT_MAX_COST_PER_PROBLEM_USD);

        public Statistics {
            if (!(alpha > 0 && alpha < 1)) throw new ConfigException("experiment.statistics.alpha must be in (0, 1)");
            if (equivalenceMargin < 0 || costEquivalenceMarginUsd < 0) throw new ConfigException("equivalence margins must be >= 0");
            maxCostPerProblemUsd = maxCostPerProblemUsd <= 0 ? DEFAULT_MAX_COST_PER_PROBLEM_USD : maxCostPerProblemUsd;
            if (Double.isInfinite(maxCostPerProblemUsd)) throw new ConfigException("maxCostPerProblemUsd must be finite");
        }
    }

    /**
     * Shadow mode. rate: share of a treatment's problems also decomposed by the control's decomposer, to compare
     * answers without gold; baselineRate: share of the control's own problems decomposed a second time by the control
     * (the control-vs-control agreement floor; default: rate); queueCapacity: shadow jobs each decomposer task may
     * hold waiting for a control permit; a sampled problem beyond it is counted as skipped (default 16).
     */
    public record Shadow(double rate, Double baselineRate, int queueCapacity) {
        public static final int DEFAULT_QUEUE_CAPACITY = 16;

        public Shadow(double rate) {
            this(rate, null, 0);
        }

        public Shadow {
            if (rate < 0 || rate > 1) throw new ConfigException("experiment.shadow.rate must be in [0, 1]");
            baselineRate = baselineRate == null ? rate : baselineRate;
            if (baselineRate < 0 || baselineRate > 1) throw new ConfigException("experiment.shadow.baselineRate must be in [0, 1]");
            if (queueCapacity < 0) throw new ConfigException("experiment.shadow.queueCapacity must be >= 0");
            queueCapacity = queueCapacity == 0 ? DEFAULT_QUEUE_CAPACITY : queueCapacity;
        }
    }

    /**
     * Stop routing to a treatment when its accuracy is significantly below the control's by more than
     * accuracyDropPoints (percentage points), or its dead-letter rate exceeds maxDeadLetterRate, once it has
     * minProblems results. 0 disables a rule.
     */
    public record Guardrails(double accuracyDropPoints, double maxDeadLetterRate, long minProblems) {
        static final Guardrails DEFAULTS = new Guardrails(5.0, 0.2, 50);
    }
}
