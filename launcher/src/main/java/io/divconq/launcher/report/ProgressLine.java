package io.divconq.launcher.report;

import java.io.PrintStream;

/**
 * One status line. On a terminal it is rewritten in place ({@code \r}); elsewhere (a pipe, a log, a test) a line is
 * printed only when its text changes, so nothing repeats.
 */
public final class ProgressLine {

    private final PrintStream out;
    private final boolean inPlace;
    private String last = "";
    private int shown;

    public ProgressLine(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** In place when {@code out} is this process's standard output and that is a terminal. */
    public static ProgressLine forOutput(PrintStream out) {
        return new ProgressLine(out, out == System.out && System.console() != null);
    }

    /** Shows {@code text} as the current state. */
    public void update(String text) {
        update("", text);
    }

    /**
     * Shows {@code prefix + state}; only a change of {@code state} counts as news (the prefix, e.g. the elapsed
     * time, is refreshed on a terminal but does not print a new line elsewhere).
     */
    public void update(String prefix, String state) {
        if (!inPlace && state.equals(last)) return;
        last = state;
        String text = prefix + state;
        if (inPlace) {
            out.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
            shown = text.length();
            out.flush();
        } else {
            out.println(text);
        }
    }

    /** Shows {@code text} as the final state and moves on to a new line. */
    public void finish(String text) {
        finish("", text);
    }

    /** Shows {@code prefix + state} as the final state (printed elsewhere only if the state is news); new line. */
    public void finish(String prefix, String state) {
        update(prefix, state);
        if (inPlace) out.println();
        last = "";
        shown = 0;
    }
}
