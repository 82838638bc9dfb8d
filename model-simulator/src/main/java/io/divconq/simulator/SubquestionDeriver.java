package io.divconq.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a plausible canonical decomposition for a question without human subquestions: up to two of its numeric
 * facts turned into "How many/How much ...?" questions, then the question itself.
 */
final class SubquestionDeriver {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+");
    private static final Pattern QUANTITY = Pattern.compile("(\\$?)\\d[\\d,]*(?:\\.\\d+)?\\s*(%|[A-Za-z]+)?");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final int MAX_FACTS = 2;
    /** Sentence-initial words written in lower case inside a clause; other capitalised words may be names. */
    private static final Set<String> COMMON_OPENERS = Set.of("A", "An", "The", "He", "She", "It", "They", "We",
            "His", "Her", "Its", "Their", "Our", "This", "That", "These", "Those", "There", "Each", "Every", "In",
            "On", "At", "After", "Before", "Then", "If", "When", "One", "Some", "All", "Both");

    private SubquestionDeriver() {
    }

    static List<String> derive(String question) {
        List<String> sentences = sentences(question);
        if (sentences.isEmpty()) {
            return List.of();
        }
        int target = lastQuestionSentence(sentences);
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < target; i++) {
            if (DIGIT.matcher(sentences.get(i)).find()) {
                facts.add(sentences.get(i));
            }
        }
        List<String> derived = new ArrayList<>();
        if (facts.size() <= MAX_FACTS) {
            facts.forEach(f -> derived.add(factToQuestion(f)));
        } else {
            derived.add(factToQuestion(facts.get(0)));
            derived.add(factToQuestion(facts.get(facts.size() - 1)));
        }
        derived.add(asQuestion(sentences.get(target)));
        return List.copyOf(derived);
    }

    private static List<String> sentences(String question) {
        List<String> sentences = new ArrayList<>();
        for (String s : SENTENCE_END.split(Texts.normalizeWhitespace(question))) {
            if (!s.isBlank()) {
                sentences.add(s.trim());
            }
        }
        return sentences;
    }

    private static int lastQuestionSentence(List<String> sentences) {
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (sentences.get(i).endsWith("?")) {
                return i;
            }
        }
        return sentences.size() - 1;
    }

    private static String factToQuestion(String fact) {
        String clause = inClauseCase(withoutEndPunctuation(fact));
        Matcher quantity = QUANTITY.matcher(clause);
        if (quantity.find()) {
            if (!quantity.group(1).isEmpty()) {
                return "How much money is involved if " + clause + "?";
            }
            String unit = quantity.group(2);
            if (unit != null && !"%".equals(unit) && unit.length() > 1) {
                return "How many " + unit + " are involved if " + clause + "?";
            }
        }
        return "How much does it come to if " + clause + "?";
    }

    private static String inClauseCase(String sentence) {
        int space = sentence.indexOf(' ');
        String first = space < 0 ? sentence : sentence.substring(0, space);
        return COMMON_OPENERS.contains(first) ? Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1) : sentence;
    }

    private static String asQuestion(String sentence) {
        return sentence.endsWith("?") ? sentence : withoutEndPunctuation(sentence) + "?";
    }

    private static String withoutEndPunctuation(String sentence) {
        return sentence.replaceAll("[.?!]+$", "");
    }
}
