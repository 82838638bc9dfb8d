package io.divconq.distill.stream;

import io.divconq.avro.Problem;
import org.apache.avro.Schema;

/** A problem's dataset split: its "split" field where the schema has one, else the "split" attribute, else unknown. */
public final class ProblemSplit {

    public static final String ATTRIBUTE = "split";

    private ProblemSplit() {
    }

    public static String of(Problem p) {
        Schema.Field field = p.getSchema().getField(ATTRIBUTE);
        Object value = field == null ? null : p.get(field.pos());
        if (value != null) return value.toString();
        return p.getAttributes().get(ATTRIBUTE);
    }
}
