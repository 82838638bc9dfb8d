package io.divconq.datasets.metric;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GSM8K exact match: the predicted number equals the gold number after normalising commas, "$", units,
 * surrounding text and trailing ".0" (so "$1,200.00 dollars" matches "1200").
 */
public final class NumericExactMatch implements ExactMatchMetric {

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?|-?\\.\\d+");

    @Override
    public double score(String predicted, List<String> gold) {
        Optional<BigDecimal> p = number(predicted);
        if (p.isEmpty()) return 0.0;
        for (String g : gold) {
            Optional<BigDecimal> n = number(goldPart(g));
            if (n.isPresent() && n.get().compareTo(p.get()) == 0) return 1.0;
        }
        return 0.0;
    }

    /** A GSM8K answer field holds the worked solution; the gold is after "####". */
    static String goldPart(String gold) {
        int hashes = gold.lastIndexOf("####");
        return hashes >= 0 ? gold.substring(hashes + 4) : gold;
    }

    /** The answer's number: after the last "=", the first number, commas removed. */
    public static Optional<BigDecimal> number(String text) {
        if (text == null) return Optional.empty();
        int eq = text.lastIndexOf('=');
        String s = eq >= 0 ? text.substring(eq + 1) : text;
        Matcher m = NUMBER.matcher(s);
        if (!m.find()) return Optional.empty();
        try {
            return Optional.of(new BigDecimal(m.group().replace(",", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
