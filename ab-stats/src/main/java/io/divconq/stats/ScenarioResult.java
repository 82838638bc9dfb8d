package io.divconq.stats;

/**
 * One adversarial scenario of {@code validate-stats}: how often the watched event happened over the seeded
 * experiments, with its 95% Wilson bounds.
 *
 * @param kind    FALSE_POSITIVE: passed when {@code upper95 <= limit}; DETECTION: passed when {@code rate >= limit}
 * @param rate    share of experiments in which the event (a wrong verdict, an alarm, a detection) happened at any
 *                peek
 */
public record ScenarioResult(String scenario, Kind kind, int experiments, double rate, double lower95, double upper95,
                             double limit, String description) {

    /** What the rate measures. */
    public enum Kind {
        /** Something that must (almost) never happen: its 95% upper bound must stay at or below the limit. */
        FALSE_POSITIVE,
        /** Something that must happen: its rate must reach the limit. */
        DETECTION
    }

    /** A scenario outcome from a count of events in {@code experiments} runs. */
    public static ScenarioResult of(String scenario, Kind kind, int events, int experiments, double limit,
                                    String description) {
        Interval wilson = FixedHorizon.wilson(events, experiments, 0.05);
        double rate = experiments == 0 ? Double.NaN : (double) events / experiments;
        return new ScenarioResult(scenario, kind, experiments, rate, wilson.lower(), wilson.upper(), limit, description);
    }

    public boolean passed() {
        return kind == Kind.FALSE_POSITIVE ? upper95 <= limit : rate >= limit;
    }
}
