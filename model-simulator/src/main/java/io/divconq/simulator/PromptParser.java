package io.divconq.simulator;

import io.divconq.prompts.PromptContract;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the project's prompts back by their contract ({@link PromptContract}): detects the task from its marker
 * phrases and extracts the question (after {@code Question: } up to the next blank line), the subquestions and the
 * history.
 */
public final class PromptParser {

    private static final Pattern QUESTION = Pattern.compile("(?m)^" + Pattern.quote(PromptContract.QUESTION));
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern SUBQUESTION_LINE = Pattern.compile("(?m)^" + Pattern.quote(PromptContract.SUBQUESTION) + "(.*)$");
    private static final Pattern HISTORY_QUESTION = Pattern.compile("(?m)^Q\\d+:\\s*(.*)$");
    private static final Pattern PASSAGE = Pattern.compile("(?ms)^" + Pattern.quote(PromptContract.PASSAGE)
            + "(.*?)\\n[ \\t]*\\n^" + Pattern.quote(PromptContract.QUESTION));

    private PromptParser() {
    }

    public static Prompt parse(String userMessage) {
        String text = userMessage.replace("\r\n", "\n");
        String question = question(text);
        if (text.contains(PromptContract.NO_DECOMPOSITION)) {
            return new Prompt.Decompose(question);
        }
        Matcher step = SUBQUESTION_LINE.matcher(text);
        if (step.find()) {
            List<String> earlier = historyQuestions(sectionAfter(text, PromptContract.EARLIER_HISTORY));
            return new Prompt.SequentialStep(question, earlier, Texts.normalizeWhitespace(step.group(1)));
        }
        if (text.contains(PromptContract.HISTORY)) {
            return new Prompt.SequentialFinal(question, historyQuestions(sectionAfter(text, PromptContract.HISTORY)));
        }
        if (text.contains(PromptContract.SUBQUESTIONS)) {
            return new Prompt.StaticSolve(question, listedSubquestions(sectionAfter(text, PromptContract.SUBQUESTIONS)));
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
