package io.divconq.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paper's prompts as text, loaded from the resource files under io/divconq/prompts and filled in.
 * A prompt variant "v" of template "t" lives in "t.v.user.txt" (used by A/B arms that test prompts).
 */
public final class PromptTexts {

    private static final String DIR = "/io/divconq/prompts/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private PromptTexts() {
    }

    public static String decomposeSystem() {
        return template("decompose.system.txt");
    }

    public static String solveSystem() {
        return template("solve.system.txt");
    }

    /** The decomposer's user message; the arm's prompt variant picks the template. */
    public static String decompose(PromptSubject s, String variant) {
        return fill(template(variantFile("decompose", variant)), values(s, Map.of()));
    }

    /** Static (paper) solve: all subquestions in one call; a direct solve when there are none. */
    public static String solveStatic(PromptSubject s, List<String> subquestions) {
        if (subquestions.isEmpty()) return solveDirect(s);
        return fill(template("solve-static.user.txt"), values(s, Map.of("subquestions", PromptContract.numbered(subquestions))));
    }

    public static String solveDirect(PromptSubject s) {
        return fill(template("solve-direct.user.txt"), values(s, Map.of()));
    }

    /** Sequential mode: one subquestion, with the earlier subquestions and answers in context. */
    public static String solveSubquestion(PromptSubject s, List<String> earlierQuestions, List<String> earlierAnswers,
                                          String subquestion) {
        return fill(template("solve-subquestion.user.txt"), values(s, Map.of(
                "history", PromptContract.history(earlierQuestions, earlierAnswers),
                "subquestion", subquestion)));
    }

    /** Sequential mode: the final call for the original question. */
    public static String solveSequentialFinal(PromptSubject s, List<String> subquestions, List<String> answers) {
        return fill(template("solve-sequential-final.user.txt"),
                values(s, Map.of("history", PromptContract.history(subquestions, answers))));
    }

    /** The decomposer reply the prompt asks for: the subquestions as a numbered list, or "No decomposition". */
    public static String decompositionReply(List<String> subquestions) {
        return subquestions.isEmpty() ? PromptContract.NO_DECOMPOSITION : PromptContract.numbered(subquestions);
    }

    /** The raw template texts (system, then user) of a decomposition prompt variant, e.g. to fingerprint it. */
    public static List<String> decomposeTemplates(String variant) {
        return List.of(template("decompose.system.txt"), template(variantFile("decompose", variant)));
    }

    /**
     * The subject's placeholders: {question}, {context} (the passage block, or nothing) and {answer_format} (the
     * multi-span instruction, or nothing), plus the rest.
     */
    private static Map<String, String> values(PromptSubject s, Map<String, String> rest) {
        Map<String, String> values = new HashMap<>(rest);
        values.put("question", s.question());
        values.put("context", s.passage() != null && !s.passage().isBlank()
                ? fill(template("context.passage.txt"), Map.of("passage", s.passage().strip())) + "\n\n" : "");
        values.put("answer_format", s.spanAnswers() ? template("answer-format.spans.txt").stripTrailing() : "");
        return values;
    }

    private static String variantFile(String base, String variant) {
        return variant == null || variant.isBlank() || variant.equals("default")
                ? base + ".user.txt" : base + "." + variant + ".user.txt";
    }

    /** Replaces each {name} once; values are inserted verbatim (never re-scanned for placeholders). */
    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String name = template.substring(open + 1, close);
            String value = values.get(name);
            out.append(template, i, open).append(value != null ? value : template.substring(open, close + 1));
            i = close + 1;
        }
        return out.toString().strip();
    }

    /** The raw text of a template file; fails clearly when a variant does not exist. */
    public static String template(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = PromptTexts.class.getResourceAsStream(DIR + f)) {
                if (in == null) throw new IllegalArgumentException("no prompt template " + f + " under " + DIR);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
