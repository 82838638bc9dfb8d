package io.divconq.common.prompts;

import io.divconq.datasets.AnswerFormat;
import io.divconq.datasets.PromptVariant;
import io.divconq.llm.ChatMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paper's prompts, loaded from resource files under io/divconq/common/prompts and filled in.
 * A prompt variant "v" of template "t" lives in "t.v.user.txt" (used by A/B arms that test prompts).
 */
public final class Prompts {

    private static final String DIR = "/io/divconq/common/prompts/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    /** The reply the decomposition prompt asks for when a question needs no subquestions. */
    public static final String NO_DECOMPOSITION = "No decomposition";

    private Prompts() {
    }

    /** Decomposer messages for a question alone. */
    public static List<ChatMessage> decompose(String question, String variant) {
        return decompose(PromptQuestion.plain(question), variant);
    }

    /** Decomposer messages; the arm's prompt variant picks the template, the dataset's adds the passage. */
    public static List<ChatMessage> decompose(PromptQuestion q, String variant) {
        return List.of(
                new ChatMessage("system", template("decompose.system.txt")),
                new ChatMessage("user", fill(template(variantFile("decompose", variant)), values(q, Map.of()))));
    }

    public static List<ChatMessage> solveStatic(String question, List<String> subquestions) {
        return solveStatic(PromptQuestion.plain(question), subquestions);
    }

    /** The decomposer reply the prompt asks for: the subquestions as a numbered list, or "No decomposition". */
    public static String decompositionReply(List<String> subquestions) {
        return subquestions.isEmpty() ? NO_DECOMPOSITION : numbered(subquestions);
    }

    /** The raw template texts (system, then user) of a decomposition prompt variant, e.g. to fingerprint it. */
    public static List<String> decomposeTemplates(String variant) {
        return List.of(template("decompose.system.txt"), template(variantFile("decompose", variant)));
    }

    /** Static (paper) solver messages: all subquestions in one call; direct when there are none. */
    public static List<ChatMessage> solveStatic(PromptQuestion q, List<String> subquestions) {
        if (subquestions.isEmpty()) return solveDirect(q);
        return solver("solve-static.user.txt", values(q, Map.of("subquestions", numbered(subquestions))));
    }

    public static List<ChatMessage> solveDirect(String question) {
        return solveDirect(PromptQuestion.plain(question));
    }

    public static List<ChatMessage> solveDirect(PromptQuestion q) {
        return solver("solve-direct.user.txt", values(q, Map.of()));
    }

    public static List<ChatMessage> solveSubquestion(String question, List<String> earlierQuestions,
                                                     List<String> earlierAnswers, String subquestion) {
        return solveSubquestion(PromptQuestion.plain(question), earlierQuestions, earlierAnswers, subquestion);
    }

    /** Sequential mode: one subquestion, with the earlier subquestions and answers in context. */
    public static List<ChatMessage> solveSubquestion(PromptQuestion q, List<String> earlierQuestions,
                                                     List<String> earlierAnswers, String subquestion) {
        return solver("solve-subquestion.user.txt", values(q, Map.of(
                "history", history(earlierQuestions, earlierAnswers),
                "subquestion", subquestion)));
    }

    public static List<ChatMessage> solveSequentialFinal(String question, List<String> subquestions, List<String> answers) {
        return solveSequentialFinal(PromptQuestion.plain(question), subquestions, answers);
    }

    /** Sequential mode: the final call for the original question. */
    public static List<ChatMessage> solveSequentialFinal(PromptQuestion q, List<String> subquestions, List<String> answers) {
        return solver("solve-sequential-final.user.txt", values(q, Map.of("history", history(subquestions, answers))));
    }

    /**
     * The question's placeholders: {question}, {context} (the passage block of the dataset's prompt variant, or
     * nothing) and {answer_format} (the multi-span instruction for span-list answers, or nothing), plus the rest.
     */
    static Map<String, String> values(PromptQuestion q, Map<String, String> rest) {
        Map<String, String> values = new java.util.HashMap<>(rest);
        values.put("question", q.question());
        values.put("context", q.variant() == PromptVariant.PASSAGE && q.context() != null && !q.context().isBlank()
                ? fill(template("context.passage.txt"), Map.of("passage", q.context().strip())) + "\n\n" : "");
        values.put("answer_format", q.answers() == AnswerFormat.SPANS ? template("answer-format.spans.txt").stripTrailing() : "");
        return values;
    }

    private static List<ChatMessage> solver(String userTemplate, Map<String, String> values) {
        return List.of(
                new ChatMessage("system", template("solve.system.txt")),
                new ChatMessage("user", fill(template(userTemplate), values)));
    }

    static String numbered(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(i + 1).append(". ").append(items.get(i));
        }
        return sb.toString();
    }

    static String history(List<String> questions, List<String> answers) {
        if (questions.size() != answers.size()) {
            throw new IllegalArgumentException(questions.size() + " subquestions but " + answers.size() + " answers");
        }
        if (questions.isEmpty()) return "(none)";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < questions.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append('Q').append(i + 1).append(": ").append(questions.get(i)).append('\n');
            sb.append('A').append(i + 1).append(": ").append(answers.get(i).strip());
        }
        return sb.toString();
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
            try (InputStream in = Prompts.class.getResourceAsStream(DIR + f)) {
                if (in == null) throw new IllegalArgumentException("no prompt template " + f + " under " + DIR);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
