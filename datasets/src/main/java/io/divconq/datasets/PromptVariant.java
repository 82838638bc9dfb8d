package io.divconq.datasets;

/** Which prompts a dataset's problems get (the template texts live with the other prompts, in common). */
public enum PromptVariant {
    /** The question alone. */
    PLAIN,
    /** The passage before the question, in the decomposer's and the solver's prompts; answers may be several spans. */
    PASSAGE
}
