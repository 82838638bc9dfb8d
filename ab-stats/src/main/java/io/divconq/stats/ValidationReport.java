package io.divconq.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of {@link StatsValidation#run}. Result counts ({@code ...Samples...}, {@code ...Results...})
 * are totals over both arms; a median is infinite when fewer than half the experiments reached a verdict.
 *
 * @param aaFalsePositiveRate           share of A/A experiments whose always-valid accuracy interval
 *                                      excluded 0 at any peek (one peek after every result)
 * @param aaFalsePositiveRateUpper      95% Wilson upper bound of that rate (Monte Carlo error)
 * @param naivePeekingFalsePositiveRate the same for a fixed-horizon 95% z-interval peeked after every result
 * @param aaCostFalsePositiveRate       A/A false-positive rate of the always-valid cost interval (log-normal costs)
 * @param power                         share of A/B experiments whose interval first excluded 0 on the
 *                                      correct side within the planned sample size
 * @param medianSamplesToVerdict        median results until that verdict
 * @param srmDetected                   one seeded 45/55 draw of {@code srmTotal} units was flagged against 50/50
 * @param srmFalseAlarmOnBalanced       one seeded 50/50 draw was (wrongly) flagged
 * @param srmDetectionRate              share of seeded 45/55 draws flagged
 * @param srmFalseAlarmRate             share of seeded 50/50 draws flagged
 * @param medianResultsToCostVerdict    cost check: median results until the cost interval says BETTER
 * @param medianResultsToAccuracyVerdict cost check: median results until the accuracy interval says WORSE
 * @param scenarios                     the A/A accuracy and A/B power checks and the adversarial scenarios
 */
public record ValidationReport(int aaExperiments, double aaFalsePositiveRate, int abExperiments, double power,
                               int samplesPerArm, double medianSamplesToVerdict, boolean srmDetected,
                               double srmPValue, boolean srmFalseAlarmOnBalanced, double alpha, long seed,
                               double aaFalsePositiveRateUpper, double naivePeekingFalsePositiveRate,
                               double aaCostFalsePositiveRate, double baselineAccuracy, double abGap,
                               double accuracyTauSquared, long srmTotal, double srmBalancedPValue,
                               double srmDetectionRate, double srmFalseAlarmRate, int costExperiments,
                               double costAccuracyGap, double medianResultsToCostVerdict,
                               double medianResultsToAccuracyVerdict, List<ScenarioResult> scenarios) {

    public ValidationReport {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * True when the A/A false-positive rate is at most alpha, power at least 0.8, the fixed-size SRM checks come out
     * right and every scenario passed.
     */
    public boolean passed() {
        return aaFalsePositiveRate <= alpha && power >= 0.8 && srmDetected && !srmFalseAlarmOnBalanced
                && scenarios.stream().allMatch(ScenarioResult::passed);
    }

    /** A multi-line human-readable summary. */
    public String summary() {
        List<String> lines = new ArrayList<>(List.of(
                "divconq validate-stats (seed " + seed + ", alpha " + alpha + ")",
                String.format("A/A: %d experiments, peek after every result, %d results per arm planned",
                        aaExperiments, samplesPerArm),
                String.format("  always-valid false-positive rate %.4f (95%% upper %.4f)",
                        aaFalsePositiveRate, aaFalsePositiveRateUpper),
                String.format("  naive fixed-horizon z-interval, same peeking: %.4f", naivePeekingFalsePositiveRate),
                String.format("  always-valid cost interval (log-normal costs, empirical Bernstein): %.4f", aaCostFalsePositiveRate),
                String.format("A/B: %d experiments, p = %.2f vs %.2f, tau^2 = %.4g", abExperiments, baselineAccuracy,
                        baselineAccuracy + abGap, accuracyTauSquared),
                String.format("  power %.4f, median results to verdict %.0f", power, medianSamplesToVerdict),
                String.format("SRM at n = %d: 45/55 flagged %s (p = %.3g), 50/50 flagged %s (p = %.3g)",
                        srmTotal, srmDetected, srmPValue, srmFalseAlarmOnBalanced, srmBalancedPValue),
                String.format("  over repeated draws: detection %.4f, false alarms %.4f", srmDetectionRate,
                        srmFalseAlarmRate),
                String.format("Cost vs accuracy (%d experiments, accuracy gap %.2f): median results to cost verdict"
                                + " %.0f, to accuracy verdict %.0f", costExperiments, costAccuracyGap,
                        medianResultsToCostVerdict, medianResultsToAccuracyVerdict)));
        if (!scenarios.isEmpty()) {
            lines.add("Scenarios (peek after every result; false positives pass when the 95% upper bound <= limit):");
        }
        for (ScenarioResult r : scenarios) {
            lines.add(String.format("  %-30s %-14s n=%d rate %.4f [%.4f, %.4f] limit %s%.3f  %s", r.scenario(),
                    r.kind(), r.experiments(), r.rate(), r.lower95(), r.upper95(),
                    r.kind() == ScenarioResult.Kind.FALSE_POSITIVE ? "<=" : ">=", r.limit(),
                    r.passed() ? "passed" : "FAILED"));
            lines.add("    " + r.description());
        }
        lines.add(passed() ? "PASSED" : "FAILED");
        return String.join(System.lineSeparator(), lines);
    }
}
