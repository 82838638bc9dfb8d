package io.divconq.simulator;

import io.divconq.datasets.metric.DropNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plausible wrong answers to a question about a passage, as a reading-comprehension model gives them: for a
 * multi-span gold, sometimes only its first span; for a name of the passage, sometimes the name with the word before
 * it (partly right: F1 above 0, EM 0); otherwise another number of the passage when the gold is a number, else
 * another name (a run of capitalised words) of the passage.
 */
final class PassageAnswers {

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}'.]*(?:\\s+\\p{Lu}[\\p{L}'.]*){0,2}");

    private PassageAnswers() {
    }

    /** A span or number of the passage that differs from the gold after DROP normalisation; deterministic in the hash. */
    static String wrong(String gold, String passage, long hash) {
        if (gold != null && gold.contains(";") && SeededDraws.index(hash >>> 17, 2) == 0) return gold.substring(0, gold.indexOf(';')).strip();
        if (gold != null && SeededDraws.index(hash >>> 23, 3) == 0) {
            int at = passage.indexOf(gold);
            int wordStart = at <= 1 ? -1 : passage.lastIndexOf(' ', at - 2) + 1;
            if (at > 1 && passage.charAt(at - 1) == ' ' && Numbers.parse(gold).isEmpty() && Character.isLetter(passage.charAt(wordStart))) {
                return passage.substring(wordStart, at + gold.length());
            }
        }
        String g = gold == null ? "" : DropNormalizer.normalize(gold);
        boolean numeric = gold != null && Numbers.parse(gold).isPresent();
        List<String> first = candidates(numeric ? NUMBER : NAME, passage, g);
        List<String> pool = first.isEmpty() ? candidates(numeric ? NAME : NUMBER, passage, g) : first;
        if (pool.isEmpty()) return Numbers.plausibleAnswer(passage, hash);
        return pool.get(SeededDraws.index(hash, pool.size()));
    }

    private static List<String> candidates(Pattern pattern, String passage, String normalizedGold) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = pattern.matcher(passage);
        while (m.find()) {
            String c = m.group().replaceAll("[.,]+$", "").strip();
            String n = DropNormalizer.normalize(c);
            if (!n.isEmpty() && !n.equals(normalizedGold) && !normalizedGold.contains(n)) out.add(c);
        }
        return new ArrayList<>(out);
    }
}
