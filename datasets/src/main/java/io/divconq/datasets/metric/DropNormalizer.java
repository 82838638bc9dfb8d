package io.divconq.datasets.metric;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The DROP evaluator's answer normalisation ({@code _normalize_answer} of {@code drop_eval.py}): the text is split
 * on spaces and hyphens; each token is lowercased, stripped of ASCII punctuation unless it reads as a Python float,
 * rewritten as Python prints that float ("12" → "12.0", "1.2e1" → "12.0"), freed of the words a/an/the and of
 * extra whitespace; empty tokens go and the rest are joined with single spaces.
 */
public final class DropNormalizer {

    private DropNormalizer() {
    }

    public static String normalize(String text) {
        List<String> parts = new ArrayList<>();
        for (String token : text.split("[ -]", -1)) {
            String t = PythonText.lower(token);
            if (!PythonFloat.isNumber(t)) t = PythonText.removePunctuation(t);
            var number = PythonFloat.parse(t);
            if (number.isPresent()) t = PythonFloat.repr(number.getAsDouble());
            t = PythonText.collapseSpaces(PythonText.removeArticles(t));
            if (!PythonText.strip(t).isEmpty()) parts.add(t);
        }
        return PythonText.strip(String.join(" ", parts));
    }

    /** The bag of a normalised span: its distinct whitespace-separated tokens. */
    public static Set<String> bag(String normalizedSpan) {
        return new LinkedHashSet<>(PythonText.split(normalizedSpan));
    }
}
