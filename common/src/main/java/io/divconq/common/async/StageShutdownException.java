package io.divconq.common.async;

/**
 * A job that stopped because this process is shutting down (e.g. its client was closed): not the record's fault.
 * Raised by a job (directly or as a cause), it leaves the record pending, to be re-issued by whichever task owns
 * the partition next, instead of dead-lettering it.
 */
public class StageShutdownException extends RuntimeException {

    public StageShutdownException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code error} or one of its causes says the process is shutting down. */
    public static boolean isShutdown(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StageShutdownException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
