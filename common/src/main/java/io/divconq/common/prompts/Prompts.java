package io.divconq.common.prompts;

import io.divconq.llm.ChatMessage;
import io.divconq.prompts.PromptContract;
import io.divconq.prompts.PromptTexts;
import java.util.List;

/**
 * The paper's prompts as chat messages (system, then user). The texts and the contract a prompt's reader relies on
 * belong to the prompts module ({@link PromptTexts}, {@link PromptContract}); this class only pairs them into messages
 * for a {@link PromptQuestion}.
 */
public final class Prompts {

    /** The reply the decomposition prompt asks for when a question needs no subquestions. */
    public static final String NO_DECOMPOSITION = PromptContract.NO_DECOMPOSITION;

    private Prompts() {
    }

    /** Decomposer messages for a question alone. */
    public static List<ChatMessage> decompose(String question, String variant) {
        return decompose(PromptQuestion.plain(question), variant);
    }

    /** Decomposer messages; the arm's prompt variant picks the template, the dataset's adds the passage. */
    public static List<ChatMessage> decompose(PromptQuestion q, String variant) {
        return messages(PromptTexts.decomposeSystem(), PromptTexts.decompose(q.subject(), variant));
    }

    public static List<ChatMessage> solveStatic(String question, List<String> subquestions) {
        return solveStatic(PromptQuestion.plain(question), subquestions);
    }

    /** The decomposer reply the prompt asks for: the subquestions as a numbered list, or "No decomposition". */
    public static String decompositionReply(List<String> subquestions) {
        return PromptTexts.decompositionReply(subquestions);
    }

    /** The raw template texts (system, then user) of a decomposition prompt variant, e.g. to fingerprint it. */
    public static List<String> decomposeTemplates(String variant) {
        return PromptTexts.decomposeTemplates(variant);
    }

    /** Static (paper) solver messages: all subquestions in one call; direct when there are none. */
    public static List<ChatMessage> solveStatic(PromptQuestion q, List<String> subquestions) {
        return solver(PromptTexts.solveStatic(q.subject(), subquestions));
    }

    public static List<ChatMessage> solveDirect(String question) {
        return solveDirect(PromptQuestion.plain(question));
    }

    public static List<ChatMessage> solveDirect(PromptQuestion q) {
        return solver(PromptTexts.solveDirect(q.subject()));
    }

    public static List<ChatMessage> solveSubquestion(String question, List<String> earlierQuestions,
                                                     List<String> earlierAnswers, String subquestion) {
        return solveSubquestion(PromptQuestion.plain(question), earlierQuestions, earlierAnswers, subquestion);
    }

    /** Sequential mode: one subquestion, with the earlier subquestions and answers in context. */
    public static List<ChatMessage> solveSubquestion(PromptQuestion q, List<String> earlierQuestions,
                                                     List<String> earlierAnswers, String subquestion) {
        return solver(PromptTexts.solveSubquestion(q.subject(), earlierQuestions, earlierAnswers, subquestion));
    }

    public static List<ChatMessage> solveSequentialFinal(String question, List<String> subquestions, List<String> answers) {
        return solveSequentialFinal(PromptQuestion.plain(question), subquestions, answers);
    }

    /** Sequential mode: the final call for the original question. */
    public static List<ChatMessage> solveSequentialFinal(PromptQuestion q, List<String> subquestions, List<String> answers) {
        return solver(PromptTexts.solveSequentialFinal(q.subject(), subquestions, answers));
    }

    /** The raw text of a template file; fails clearly when a variant does not exist. */
    public static String template(String file) {
        return PromptTexts.template(file);
    }

    private static List<ChatMessage> solver(String user) {
        return messages(PromptTexts.solveSystem(), user);
    }

    private static List<ChatMessage> messages(String system, String user) {
        return List.of(new ChatMessage("system", system), new ChatMessage("user", user));
    }
}
