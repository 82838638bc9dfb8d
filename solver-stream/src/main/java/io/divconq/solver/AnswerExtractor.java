package io.divconq.solver;

import java.util.Locale;
import java.util.Optional;

/**
 * The paper's answer extraction: the text after the last "The answer is:" marker, or after the last colon
 * when the marker is missing. Model output is untrusted text: it is only searched and trimmed.
 */
public final class AnswerExtractor {

    private static final String MARKER = "the answer is";
    static final int MAX_ANSWER_CHARS = 200;

    private AnswerExtractor() {
    }

    public static Optional<String> finalAnswer(String reply) {
        if (reply == null || reply.isBlank()) return Optional.empty();
        String lower = reply.toLowerCase(Locale.ROOT);
        int marker = lower.lastIndexOf(MARKER);
        if (marker >= 0) {
            int start = marker + MARKER.length();
            while (start < reply.length() && (reply.charAt(start) == ':' || reply.charAt(start) == ' ' || reply.charAt(start) == '*')) {
                start++;
            }
            return firstLine(reply.substring(start));
        }
        int colon = reply.lastIndexOf(':');
        return colon >= 0 ? firstLine(reply.substring(colon + 1)) : Optional.empty();
    }

    /** The first non-blank line, without markdown emphasis and a trailing full stop. */
    private static Optional<String> firstLine(String text) {
        for (String line : text.split("\\R")) {
            String s = line.replace("**", "").strip();
            while (s.endsWith(".")) s = s.substring(0, s.length() - 1).strip();
            if (!s.isEmpty()) return Optional.of(s.length() > MAX_ANSWER_CHARS ? s.substring(0, MAX_ANSWER_CHARS) : s);
        }
        return Optional.empty();
    }
}
