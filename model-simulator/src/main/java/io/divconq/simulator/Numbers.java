package io.divconq.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** Deterministic wrong and plausible answers. */
final class Numbers {

    private Numbers() {
    }

    /** Parses a gold answer such as "1,450,000", "$18" or "2.50"; empty when it is not a number. */
    static Optional<BigDecimal> parse(String answer) {
        String cleaned = answer.replace(",", "").replace("$", "").replace("%", "").trim();
        try {
            return Optional.of(new BigDecimal(cleaned));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String format(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** A number that a model might plausibly give instead of {@code gold}; never numerically equal to it. */
    static String wrongAnswer(String gold, String question, long hash) {
        Optional<BigDecimal> parsed = parse(gold);
        if (parsed.isEmpty()) {
            return plausibleAnswer(question, hash);
        }
        BigDecimal g = parsed.get();
        BigDecimal delta = BigDecimal.valueOf(1 + SeededDraws.index(hash ^ 0x5bd1e995L, 9));
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal wrong = switch (SeededDraws.index(hash, 4)) {
            case 0 -> g.add(delta);
            case 1 -> g.subtract(delta).signum() < 0 && g.signum() >= 0 ? g.add(delta) : g.subtract(delta);
            case 2 -> g.multiply(two);
            default -> g.remainder(two).signum() == 0 ? g.divide(two, RoundingMode.UNNECESSARY) : g.add(BigDecimal.TEN);
        };
        if (wrong.compareTo(g) == 0) {
            wrong = g.add(delta);
        }
        return format(wrong);
    }

    /** A deterministic number built from the numbers in the text (for questions without a known answer). */
    static String plausibleAnswer(String text, long hash) {
        List<BigDecimal> numbers = Texts.numbersIn(text);
        if (numbers.isEmpty()) {
            return Integer.toString(1 + SeededDraws.index(hash, 100));
        }
        BigDecimal a = numbers.get(SeededDraws.index(hash, numbers.size()));
        if (numbers.size() == 1) {
            return format(a.multiply(BigDecimal.valueOf(2 + SeededDraws.index(hash >>> 7, 3))));
        }
        BigDecimal b = numbers.get(SeededDraws.index(hash >>> 13, numbers.size()));
        BigDecimal result = switch (SeededDraws.index(hash >>> 29, 3)) {
            case 0 -> a.add(b);
            case 1 -> a.multiply(b);
            default -> a.subtract(b).abs();
        };
        return format(result.signum() == 0 ? a.add(b) : result);
    }
}
