package io.divconq.stats;

/**
 * One metric compared between a treatment arm and the control arm.
 *
 * @param difference         {@code mean(treatment) - mean(control)}; NaN while either arm is empty
 * @param relativeDifference {@code difference / mean(control)}; NaN when the control mean is 0 or unknown
 * @param interval           always-valid confidence sequence for {@code difference}
 */
public record Comparison(String metric, long treatmentN, long controlN, double treatmentMean, double controlMean,
                         double difference, double relativeDifference, Interval interval, Verdict verdict) {

    /** Compares two arms' running moments under {@code spec}. */
    public static Comparison of(RunningMoments treatment, RunningMoments control, MetricSpec spec) {
        double difference = treatment.mean() - control.mean();
        double relative = control.mean() == 0.0 ? Double.NaN : difference / control.mean();
        Interval interval = ConfidenceSequences.difference(treatment, control, spec);
        Verdict verdict = Verdicts.decide(interval, spec.equivalenceMargin(), spec.direction());
        return new Comparison(spec.name(), treatment.n(), control.n(), treatment.mean(), control.mean(),
                difference, relative, interval, verdict);
    }
}
