package io.divconq.common.model;

/** Model output is untrusted and unbounded: what is kept of it in records is cut to a configured length. */
public final class StoredReply {

    private StoredReply() {
    }

    /** {@code reply} itself if it has at most {@code maxChars} characters, else its start and a note of the cut. */
    public static String cap(String reply, int maxChars) {
        if (reply == null || reply.length() <= maxChars) return reply;
        int keep = Character.isHighSurrogate(reply.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return reply.substring(0, keep) + " …[" + (reply.length() - keep) + " more characters cut]";
    }
}
