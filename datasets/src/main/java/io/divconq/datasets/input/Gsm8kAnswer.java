package io.divconq.simulator;

/**
 * A GSM8K answer: the worked solution, then {@code ####} and the gold answer. The one parser of that format
 * (the simulator's knowledge and the launcher's problem files both use it).
 *
 * @param body the worked solution before the last {@code ####} (the whole text when there is none)
 * @param gold the text after the last {@code ####}, trimmed; null when there is no marker
 */
public record Gsm8kAnswer(String body, String gold) {

    public static final String GOLD_MARKER = "####";

    public static Gsm8kAnswer parse(String answer) {
        int marker = answer.lastIndexOf(GOLD_MARKER);
        return marker < 0
                ? new Gsm8kAnswer(answer, null)
                : new Gsm8kAnswer(answer.substring(0, marker), answer.substring(marker + GOLD_MARKER.length()).strip());
    }

    /** The gold answer, or the whole answer (stripped) when it has no marker, as other datasets write it. */
    public String goldOrWhole() {
        return gold != null ? gold : body.strip();
    }
}
