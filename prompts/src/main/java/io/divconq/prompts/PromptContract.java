package io.divconq.prompts;

import java.util.List;

/**
 * What a prompt's reader may rely on: the marker phrases and sections every rendered prompt carries. The templates
 * (resources beside {@link PromptTexts}) contain these texts; the model simulator finds the task and the question
 * by them. A section runs from its header line to the next blank line.
 */
public final class PromptContract {

    /** The reply a decomposition prompt asks for when a question needs no subquestions (only it says this). */
    public static final String NO_DECOMPOSITION = "No decomposition";
    /** Starts the line with the question; the question runs to the next blank line. */
    public static final String QUESTION = "Question: ";
    /** Starts the passage block (DROP) shown before the question. */
    public static final String PASSAGE = "Passage: ";
    /** Header of the numbered subquestions of a static solve. */
    public static final String SUBQUESTIONS = "Subquestions:";
    /** Header of the history of a sequential final call. */
    public static final String HISTORY = "Subquestions and answers:";
    /** Header of the history of a sequential step. */
    public static final String EARLIER_HISTORY = "Earlier subquestions and answers:";
    /** Starts the line with the one subquestion a sequential step asks. */
    public static final String SUBQUESTION = "Subquestion: ";
    /** What a solver's final line starts with. */
    public static final String ANSWER = "The answer is: ";
    /** The history when there is none yet. */
    public static final String EMPTY_HISTORY = "(none)";

    private PromptContract() {
    }

    /** Items as a numbered list: "1. a", "2. b", one a line. */
    public static String numbered(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(i + 1).append(". ").append(items.get(i));
        }
        return sb.toString();
    }

    /** Subquestions and their answers as "Q1: ..." / "A1: ..." lines, or {@link #EMPTY_HISTORY}. */
    public static String history(List<String> questions, List<String> answers) {
        if (questions.size() != answers.size()) {
            throw new IllegalArgumentException(questions.size() + " subquestions but " + answers.size() + " answers");
        }
        if (questions.isEmpty()) return EMPTY_HISTORY;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < questions.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append('Q').append(i + 1).append(": ").append(questions.get(i)).append('\n');
            sb.append('A').append(i + 1).append(": ").append(answers.get(i).strip());
        }
        return sb.toString();
    }
}
