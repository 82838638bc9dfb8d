package io.divconq.common.async;

/**
 * A model reply the method cannot use (no subquestions, no answer); never retried, dead-lettered with the reply and
 * what the reply cost (an unusable reply still counts in its arm's cost).
 */
public class UnparseableReplyException extends RuntimeException {
    private final String reply;
    private final String model;
    private final long promptTokens;
    private final long completionTokens;

    public UnparseableReplyException(String message, String reply) {
        this(message, reply, null, 0, 0);
    }

    public UnparseableReplyException(String message, String reply, String model, long promptTokens, long completionTokens) {
        super(message);
        this.reply = reply;
        this.model = model;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
    }

    public String reply() {
        return reply;
    }

    /** The model that gave the reply; null when unknown. */
    public String model() {
        return model;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }
}
