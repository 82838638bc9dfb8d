package io.divconq.prompts;

/**
 * What a prompt is about: the question, the passage shown before it (null when the dataset shows none) and whether
 * the answer may be several spans (then the prompt asks for them separated by semicolons).
 */
public record PromptSubject(String question, String passage, boolean spanAnswers) {

    /** A question alone (no passage, one-span answers). */
    public static PromptSubject plain(String question) {
        return new PromptSubject(question, null, false);
    }
}
