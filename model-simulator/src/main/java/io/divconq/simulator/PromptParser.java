package io.divconq.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the project's prompt templates back: detects the task from marker phrases and extracts the question
 * (after {@code Question: } up to the next blank line), the subquestions and the history.
 */
public final class PromptParser {

    static final String NO_DECOMPOSITION = "No decomposition";
    private static final Pattern QUESTION = Pattern.compile("(?m)^Question: ");
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern SUBQUESTION_LINE = Pattern.compile("(?m)^Subquestion: (.*)$");
    private static final Pattern HISTORY_QUESTION = Pattern.compile("(?m)^Q\\d+:\\s*(.*)$");
    private static final String HISTORY_HEADER = "Subquestions and answers:";
    private static final String EARLIER_HISTORY_HEADER = "Earlier subquestions and answers:";
    private static final String SUBQUESTIONS_HEADER = "Subquestions:";
    private static final Pattern PASSAGE = Pattern.compile("(?ms)^Passage: (.*?)\\n[ \\t]*\\n^Question: ");

    private PromptParser() {
    }

    public static Prompt parse(String userMessage) {
        String text = userMessage.replace("\r\n", "\n");
        String question = question(text);
        if (text.contains(NO_DECOMPOSITION)) {
            return new Prompt.Decompose(question);
        }
        Matcher step = SUBQUESTION_LINE.matcher(text);
        if (step.find()) {
            List<String> earlier = historyQuestions(sectionAfter(text, EARLIER_HISTORY_HEADER));
            return new Prompt.SequentialStep(question, earlier, Texts.normalizeWhitespace(step.group(1)));
        }
        if (text.contains(HISTORY_HEADER)) {
            return new Prompt.SequentialFinal(question, historyQuestions(sectionAfter(text, HISTORY_HEADER)));
        }
        if (text.contains(SUBQUESTIONS_HEADER)) {
            return new Prompt.StaticSolve(question, listedSubquestions(sectionAfter(text, SUBQUESTIONS_HEADER)));
        }
        return new Prompt.DirectSolve(question);
    }

    /** The passage a prompt shows before its question (DROP), whitespace-normalised, or null. */
    public static String passage(String userMessage) {
        Matcher m = PASSAGE.matcher(userMessage.replace("\r\n", "\n"));
        return m.find() ? Texts.normalizeWhitespace(m.group(1)) : null;
    }

    private static String question(String text) {
        Matcher m = QUESTION.matcher(text);
        if (!m.find()) {
            return Texts.normalizeWhitespace(text);
        }
        String rest = text.substring(m.end());
        Matcher blank = BLANK_LINE.matcher(rest);
        return Texts.normalizeWhitespace(blank.find() ? rest.substring(0, blank.start()) : rest);
    }

    /** The text after a header line up to the next blank line (or the end). */
    private static String sectionAfter(String text, String header) {
        int at = text.indexOf(header);
        if (at < 0) {
            return "";
        }
        String rest = text.substring(at + header.length());
        Matcher blank = BLANK_LINE.matcher(rest);
        return blank.find() ? rest.substring(0, blank.start()) : rest;
    }

    private static List<String> historyQuestions(String history) {
        List<String> questions = new ArrayList<>();
        Matcher m = HISTORY_QUESTION.matcher(history);
        while (m.find()) {
            questions.add(Texts.normalizeWhitespace(m.group(1)));
        }
        return questions;
    }

    private static List<String> listedSubquestions(String section) {
        List<String> subquestions = new ArrayList<>();
        for (String line : section.split("\n")) {
            String item = Texts.stripListMarker(line);
            if (!item.isEmpty()) {
                subquestions.add(Texts.normalizeWhitespace(item));
            }
        }
        return subquestions;
    }
}
