package io.divconq.common.async;

/** A model reply the method cannot use (no subquestions, no answer); never retried, dead-lettered with the reply. */
public class UnparseableReplyException extends RuntimeException {
    private final String reply;

    public UnparseableReplyException(String message, String reply) {
        super(message);
        this.reply = reply;
    }

    public String reply() {
        return reply;
    }
}
