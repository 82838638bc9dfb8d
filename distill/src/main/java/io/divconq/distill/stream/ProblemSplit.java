package io.divconq.distill.stream;

import io.divconq.avro.Problem;

/** A problem's dataset split: its {@code split} field, else (problems sent before it existed) the "split" attribute, else null. */
public final class ProblemSplit {

    private static final String ATTRIBUTE = "split";

    private ProblemSplit() {
    }

    public static String of(Problem p) {
        return p.getSplit() != null ? p.getSplit() : p.getAttributes().get(ATTRIBUTE);
    }
}
