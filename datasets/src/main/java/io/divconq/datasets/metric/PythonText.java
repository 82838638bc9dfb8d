package io.divconq.datasets.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python 3 string rules the official evaluation scripts rely on, written out because Java's differ:
 * what {@code str.isspace()} and {@code str.split()} treat as whitespace, {@code str.strip()}, {@code str.lower()},
 * {@code string.punctuation} (ASCII only) and the {@code \w} of a Unicode regex (word characters).
 */
public final class PythonText {

    /** Python's {@code string.punctuation}: ASCII only, so curly quotes and en dashes are kept. */
    public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PythonText() {
    }

    /** {@code str.isspace()} for one char: Java's whitespace plus the no-break spaces and U+0085 Python also counts. */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u0085';
    }

    /** {@code str.split()} without arguments: runs of whitespace separate, no empty parts. */
    public static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); i++) {
            if (isSpace(s.charAt(i))) {
                if (start >= 0) parts.add(s.substring(start, i));
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) parts.add(s.substring(start));
        return parts;
    }

    /** {@code ' '.join(s.split())}. */
    public static String collapseSpaces(String s) {
        return String.join(" ", split(s));
    }

    /** {@code str.strip()}. */
    public static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) from++;
        while (to > from && isSpace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    /** {@code str.lower()} (Unicode, locale-independent). */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Removes every character of {@link #PUNCTUATION}. */
    public static String removePunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) out.append(c);
        }
        return out.toString();
    }

    /** A character of {@code \w} in a Python Unicode regex: letters, numbers of any kind, underscore. */
    public static boolean isWordChar(char c) {
        if (c == '_' || Character.isLetter(c)) return true;
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** {@code re.sub(r'\b(a|an|the)\b', ' ', s)}: each whole word "a", "an" or "the" becomes one space. */
    public static String removeArticles(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int length = articleAt(s, i);
            if (length > 0) {
                out.append(' ');
                i += length;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int articleAt(String s, int i) {
        if (i > 0 && isWordChar(s.charAt(i - 1))) return 0;
        for (String article : new String[] {"a", "an", "the"}) {
            int end = i + article.length();
            if (s.startsWith(article, i) && (end == s.length() || !isWordChar(s.charAt(end)))) return article.length();
        }
        return 0;
    }
}
