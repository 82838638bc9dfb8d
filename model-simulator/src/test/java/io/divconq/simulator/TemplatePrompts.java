package io.divconq.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds prompts from the project's real template files, rendered the way the pipeline renders them. */
final class TemplatePrompts {

    static final Path DIR = Path.of("../common/src/main/resources/io/divconq/common/prompts");

    private TemplatePrompts() {
    }

    /** A template with the plain variant's empty passage block and answer-format instruction. */
    static String template(String name) {
        return raw(name).replace("{context}", "").replace("{answer_format}", "");
    }

    /** A user template as DROP problems get it: the passage before the question, spans separated by semicolons. */
    static String withPassage(String name, String passage) {
        return raw(name).replace("{context}", raw("context.passage.txt").replace("{passage}", passage))
                .replace("{answer_format}", raw("answer-format.spans.txt").stripTrailing());
    }

    static String raw(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("prompt template missing: " + DIR.resolve(name).toAbsolutePath(), e);
        }
    }

    static String decomposeSystem() {
        return template("decompose.system.txt");
    }

    static String solveSystem() {
        return template("solve.system.txt");
    }

    static String decompose(String question) {
        return template("decompose.user.txt").replace("{question}", question);
    }

    static String solveStatic(String question, List<String> subquestions) {
        return template("solve-static.user.txt").replace("{question}", question)
                .replace("{subquestions}", numbered(subquestions));
    }

    static String solveDirect(String question) {
        return template("solve-direct.user.txt").replace("{question}", question);
    }

    static String solveSubquestion(String question, List<String> earlier, List<String> answers, String subquestion) {
        return template("solve-subquestion.user.txt").replace("{question}", question)
                .replace("{history}", history(earlier, answers)).replace("{subquestion}", subquestion);
    }

    static String solveSequentialFinal(String question, List<String> subquestions, List<String> answers) {
        return template("solve-sequential-final.user.txt").replace("{question}", question)
                .replace("{history}", history(subquestions, answers));
    }

    static String numbered(List<String> items) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add((i + 1) + ". " + items.get(i));
        }
        return String.join("\n", lines);
    }

    static String history(List<String> subquestions, List<String> answers) {
        if (subquestions.isEmpty()) {
            return "(none)";
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < subquestions.size(); i++) {
            lines.add("Q" + (i + 1) + ": " + subquestions.get(i));
            lines.add("A" + (i + 1) + ": " + answers.get(i));
        }
        return String.join("\n", lines);
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
        int at = reply.lastIndexOf("The answer is:");
        return at < 0 ? null : reply.substring(at + "The answer is:".length()).trim();
    }
}
