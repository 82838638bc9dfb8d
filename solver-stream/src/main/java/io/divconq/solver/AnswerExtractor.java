package io.divconq.solver;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answer extraction as the evaluation harnesses do it. {@code strict}: the text after the last answer marker ("the
 * answer is", "final answer is", "final answer:", "answer:") or inside the last {@code \boxed{...}}, whichever comes
 * last in the reply. {@code flexible}: the last number in the reply (lm-evaluation-harness's flexible-extract). Model
 * output is untrusted text: it is only searched and trimmed, and answers are capped in length.
 */
public final class AnswerExtractor {

    static final int MAX_ANSWER_CHARS = 200;
    /** Longest first (so "final answer is" wins over "answer is" at the same place). */
    private static final Pattern MARKER = Pattern.compile(
            "(?:the\\s+)?final\\s+answer\\s+is|final\\s+answer\\s*:|the\\s+answer\\s+is|answer\\s*:",
            Pattern.CASE_INSENSITIVE);
    private static final String BOXED = "\\boxed{";
    /** As lm-evaluation-harness's gsm8k flexible-extract: {@code (-?[$0-9.,]{2,})|(-?[0-9]+)}, last match. */
    private static final Pattern NUMBER = Pattern.compile("(-?[$0-9.,]{2,})|(-?[0-9]+)");

    private AnswerExtractor() {
    }

    /** How {@link Extraction#chosen} picks the answer that decides correctness. */
    public enum Mode {
        /** The strict answer, falling back to the flexible one (the default). */
        STRICT,
        /** The flexible answer only. */
        FLEXIBLE;

        /** "strict" or "flexible" (case-insensitive); null or blank means STRICT. */
        public static Mode parse(String value) {
            if (value == null || value.isBlank()) return STRICT;
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "strict" -> STRICT;
                case "flexible" -> FLEXIBLE;
                default -> throw new IllegalArgumentException("extraction must be strict or flexible, was '" + value + "'");
            };
        }
    }

    /** Both extractions of one reply. */
    public record Extraction(Optional<String> strict, Optional<String> flexible) {

        /** The answer that decides correctness under {@code mode}, with its name (strict or flexible). */
        public Optional<Chosen> chosen(Mode mode) {
            if (mode == Mode.STRICT && strict.isPresent()) return Optional.of(new Chosen(strict.get(), "strict"));
            return flexible.map(a -> new Chosen(a, "flexible"));
        }
    }

    /** An answer and the extraction that gave it. */
    public record Chosen(String answer, String extraction) {
    }

    public static Extraction extract(String reply) {
        return new Extraction(strict(reply), flexible(reply));
    }

    /** The text after the last marker (first non-blank line), or inside the last {@code \boxed{}}. */
    public static Optional<String> strict(String reply) {
        if (reply == null || reply.isBlank()) return Optional.empty();
        int markerEnd = -1;
        int markerStart = -1;
        Matcher m = MARKER.matcher(reply);
        while (m.find()) {
            markerStart = m.start();
            markerEnd = m.end();
        }
        int boxed = reply.lastIndexOf(BOXED);
        if (boxed > markerStart) {
            Optional<String> inside = boxedContent(reply, boxed + BOXED.length());
            if (inside.isPresent()) return inside;
        }
        if (markerEnd < 0) return Optional.empty();
        int start = markerEnd;
        while (start < reply.length() && (reply.charAt(start) == ':' || reply.charAt(start) == ' ' || reply.charAt(start) == '*')) {
            start++;
        }
        return firstLine(reply.substring(start));
    }

    /** The last number in the reply, without a trailing full stop or comma. */
    public static Optional<String> flexible(String reply) {
        if (reply == null || reply.isBlank()) return Optional.empty();
        Matcher m = NUMBER.matcher(reply);
        String last = null;
        while (m.find()) {
            String candidate = m.group().strip();
            while (candidate.endsWith(".") || candidate.endsWith(",")) {
                candidate = candidate.substring(0, candidate.length() - 1);
            }
            if (candidate.chars().anyMatch(Character::isDigit)) last = candidate;
        }
        return Optional.ofNullable(last).map(AnswerExtractor::cap);
    }

    private static Optional<String> boxedContent(String reply, int from) {
        int depth = 1;
        for (int i = from; i < reply.length(); i++) {
            char c = reply.charAt(i);
            if (c == '{') depth++;
            if (c == '}' && --depth == 0) {
                String s = reply.substring(from, i).strip();
                return s.isEmpty() ? Optional.empty() : Optional.of(cap(s));
            }
        }
        return Optional.empty();
    }

    /** The first non-blank line, without markdown emphasis and a trailing full stop. */
    private static Optional<String> firstLine(String text) {
        for (String line : text.split("\\R")) {
            String s = line.replace("**", "").strip();
            while (s.endsWith(".")) s = s.substring(0, s.length() - 1).strip();
            if (!s.isEmpty()) return Optional.of(cap(s));
        }
        return Optional.empty();
    }

    private static String cap(String s) {
        return s.length() > MAX_ANSWER_CHARS ? s.substring(0, MAX_ANSWER_CHARS) : s;
    }
}
