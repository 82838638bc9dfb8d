package io.divconq.datasets.metric;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exact match after SQuAD-style normalisation (lowercase, no punctuation, no articles, single spaces);
 * numbers compare numerically, so "1,000" matches "1000".
 */
public final class NormalizedExactMatch implements ExactMatchMetric {

    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}]");

    @Override
    public double score(String predicted, List<String> gold) {
        String p = normalize(predicted);
        for (String g : gold) {
            if (p.equals(normalize(g))) return 1.0;
            var pn = NumericExactMatch.number(predicted);
            var gn = NumericExactMatch.number(g);
            if (pn.isPresent() && gn.isPresent() && looksNumeric(g) && pn.get().compareTo(gn.get()) == 0) return 1.0;
        }
        return 0.0;
    }

    private static boolean looksNumeric(String s) {
        return s.strip().matches("[$€£]?\\s*-?[\\d,]*\\.?\\d+\\s*%?");
    }

    public static String normalize(String s) {
        if (s == null) return "";
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        t = PUNCTUATION.matcher(t).replaceAll(" ");
        t = ARTICLES.matcher(t).replaceAll(" ");
        return t.trim().replaceAll("\\s+", " ");
    }
}
