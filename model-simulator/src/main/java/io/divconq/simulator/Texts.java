package io.divconq.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text normalisation shared by prompt parsing, problem lookup and reply writing. */
final class Texts {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern CALCULATOR_NOTE = Pattern.compile("<<[^>]*>>");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:\\(?\\d+[.):](?=\\s|$)|[-*\\u2022](?=\\s)|Q\\d+:)\\s*");
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

    private Texts() {
    }

    /** Collapses runs of whitespace to one space and trims: the key under which questions are looked up. */
    static String normalizeWhitespace(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /** Lower-case words and numbers only, without a list marker: the form in which subquestions are compared. */
    static String normalizeForMatch(String text) {
        String unlisted = LIST_MARKER.matcher(text).replaceFirst("");
        return NON_ALPHANUMERIC.matcher(unlisted.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /** Removes a leading "1." / "2)" / "-" / "Q1:" list marker. */
    static String stripListMarker(String line) {
        return LIST_MARKER.matcher(line).replaceFirst("").trim();
    }

    /** Removes GSM8K calculator notes such as {@code <<16-3-4=9>>}. */
    static String stripCalculatorNotes(String text) {
        return normalizeWhitespace(CALCULATOR_NOTE.matcher(text).replaceAll(""));
    }

    /** The numbers written in the text, commas removed. */
    static List<BigDecimal> numbersIn(String text) {
        List<BigDecimal> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(new BigDecimal(m.group().replace(",", "")));
        }
        return numbers;
    }

    static int wordCount(String text) {
        String trimmed = normalizeWhitespace(text);
        return trimmed.isEmpty() ? 0 : trimmed.split(" ").length;
    }

    /** Rough token count of text, as used for the simulated usage figures: characters / 4, at least 1. */
    static long approximateTokens(long chars) {
        return Math.max(1, (chars + 3) / 4);
    }
}
