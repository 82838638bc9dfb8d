package io.divconq.datasets.metric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Python's {@code float(text)} and {@code str(x)} for a float, as the DROP evaluator uses them to rewrite numbers.
 * Java differs on both: {@code Double.parseDouble} accepts "1d", "0x1p3" and "NaN" but not "1_000", "inf" or
 * Unicode digits; {@code Double.toString} prints "1.0E7" where Python prints "10000000.0" and "1e-05" where Java
 * prints "1.0E-5".
 */
public final class PythonFloat {

    /** Python's float literal after stripping: sign, digits with single underscores between them, point, exponent. */
    private static final Pattern DECIMAL = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(?:inf|infinity|nan)");

    private PythonFloat() {
    }

    /** {@code float(text)}: the value, or empty where Python raises ValueError. */
    public static OptionalDouble parse(String text) {
        String s = PythonText.strip(asciiDigits(text));
        if (DECIMAL.matcher(s).matches()) return OptionalDouble.of(Double.parseDouble(s.replace("_", "")));
        if (SPECIAL.matcher(s).matches()) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("nan")) return OptionalDouble.of(Double.NaN);
            return OptionalDouble.of(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return OptionalDouble.empty();
    }

    public static boolean isNumber(String text) {
        return parse(text).isPresent();
    }

    /** Python reads any Unicode decimal digit as its ASCII digit. */
    private static String asciiDigits(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 127 && Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                if (out == null) out = new StringBuilder(text);
                out.setCharAt(i, (char) ('0' + Character.digit(c, 10)));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * {@code str(x)}: the shortest digits that read back as x (the closest such when several), printed plainly when
     * the decimal exponent is in (-4, 16], otherwise as "1.5e-05" / "1e+16"; integral values end in ".0".
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (1 / x < 0) ? "-0.0" : "0.0";
        String sign = x < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(x));
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == Math.abs(x)) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale();   // value = 0.<digits> x 10^point
        if (point > -4 && point <= 16) return sign + plain(digits, point);
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int exponent = point - 1;
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    private static String plain(String digits, int point) {
        if (point <= 0) return "0." + "0".repeat(-point) + digits;
        if (point >= digits.length()) return digits + "0".repeat(point - digits.length()) + ".0";
        return digits.substring(0, point) + "." + digits.substring(point);
    }
}
