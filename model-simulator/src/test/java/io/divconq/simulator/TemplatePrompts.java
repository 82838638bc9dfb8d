package io.divconq.simulator;

import io.divconq.prompts.PromptContract;
import io.divconq.prompts.PromptSubject;
import io.divconq.prompts.PromptTexts;
import java.util.ArrayList;
import java.util.List;

/** Prompts exactly as the pipeline renders them (the prompts module, from the classpath), for plain and DROP questions. */
final class TemplatePrompts {

    private TemplatePrompts() {
    }

    static String decomposeSystem() {
        return PromptTexts.decomposeSystem();
    }

    static String solveSystem() {
        return PromptTexts.solveSystem();
    }

    static String decompose(String question) {
        return PromptTexts.decompose(PromptSubject.plain(question), "default");
    }

    static String solveStatic(String question, List<String> subquestions) {
        return PromptTexts.solveStatic(PromptSubject.plain(question), subquestions);
    }

    static String solveDirect(String question) {
        return PromptTexts.solveDirect(PromptSubject.plain(question));
    }

    static String solveSubquestion(String question, List<String> earlier, List<String> answers, String subquestion) {
        return PromptTexts.solveSubquestion(PromptSubject.plain(question), earlier, answers, subquestion);
    }

    static String solveSequentialFinal(String question, List<String> subquestions, List<String> answers) {
        return PromptTexts.solveSequentialFinal(PromptSubject.plain(question), subquestions, answers);
    }

    /** A DROP question: the passage before the question, span answers asked for separated by semicolons. */
    static PromptSubject drop(String question, String passage) {
        return new PromptSubject(question, passage, true);
    }

    static String numbered(List<String> items) {
        return PromptContract.numbered(items);
    }

    /** What the pipeline keeps of a decomposition reply: lines with a question mark, numbering stripped, at most 3. */
    static List<String> parseDecomposition(String reply) {
        List<String> subquestions = new ArrayList<>();
        for (String line : reply.split("\n")) {
            if (line.contains("?") && subquestions.size() < 3) {
                subquestions.add(line.replaceFirst("^\\s*\\d+[.)]\\s*", "").trim());
            }
        }
        return subquestions;
    }

    /** The text after the last answer marker, or null when there is none. */
    static String finalAnswer(String reply) {
        int at = reply.lastIndexOf(PromptContract.ANSWER.strip());
        return at < 0 ? null : reply.substring(at + PromptContract.ANSWER.strip().length()).trim();
    }
}
