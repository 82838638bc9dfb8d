package io.divconq.scorer.experiment;

import io.divconq.avro.ArmStats;
import io.divconq.avro.DatasetStats;
import io.divconq.common.config.ExperimentConfig;
import io.divconq.stats.RunningMoments;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which labels the accuracy verdicts and guardrails read ({@code experiment.verdictLabels}): gold only, or gold plus
 * the feedback labels of complete cohorts. A cohort is a dataset; it is complete when, in every arm that has
 * problems of it, at least {@code experiment.feedbackCohortCoverage} of them are labelled (gold or feedback; failed
 * problems count as unlabelled until labelled). Requiring every arm keeps the choice of labels independent of the
 * arm, so a cohort whose labels come back only for one arm's problems never tilts a verdict.
 */
final class VerdictLabels {

    private VerdictLabels() {
    }

    /** The datasets whose feedback labels count; empty under {@code gold}. */
    static Set<String> feedbackCohorts(ExperimentConfig config, Collection<ArmStats> arms) {
        Set<String> cohorts = new TreeSet<>();
        if (!ExperimentConfig.FEEDBACK_COMPLETE_COHORTS.equals(config.verdictLabels())) return cohorts;
        Set<String> datasets = new TreeSet<>();
        arms.forEach(a -> datasets.addAll(a.getDatasets().keySet()));
        for (String dataset : datasets) {
            boolean complete = true;
            long feedback = 0;
            for (ArmStats arm : arms) {
                DatasetStats d = arm.getDatasets().get(dataset);
                if (d == null || d.getProblems() <= 0) continue;
                feedback += d.getFeedbackLabelled();
                complete &= (double) (d.getLabelled() + d.getFeedbackLabelled()) / d.getProblems() >= config.feedbackCohortCoverage();
            }
            if (complete && feedback > 0) cohorts.add(dataset);
        }
        return cohorts;
    }

    /** The arm's accuracy observations for verdicts: gold, plus the feedback labels of the given cohorts. */
    static RunningMoments accuracy(ArmStats s, Set<String> cohorts) {
        long n = s.getLabelled();
        double sum = s.getMetricSum();
        double squares = s.getMetricSquaresSum();
        for (String cohort : cohorts) {
            DatasetStats d = s.getDatasets().get(cohort);
            if (d == null) continue;
            n += d.getFeedbackLabelled();
            sum += d.getFeedbackMetricSum();
            squares += d.getFeedbackMetricSquaresSum();
        }
        return new RunningMoments(n, sum, squares);
    }

    /** One dataset's accuracy observations for verdicts: gold, plus feedback when the dataset is a complete cohort. */
    static RunningMoments accuracy(DatasetStats d, boolean withFeedback) {
        if (!withFeedback) return new RunningMoments(d.getLabelled(), d.getMetricSum(), d.getMetricSquaresSum());
        return new RunningMoments(d.getLabelled() + d.getFeedbackLabelled(), d.getMetricSum() + d.getFeedbackMetricSum(),
                d.getMetricSquaresSum() + d.getFeedbackMetricSquaresSum());
    }
}
