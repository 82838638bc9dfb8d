package io.divconq.datasets.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.divconq.datasets.DatasetItem;

/** Reads one JSON line of a dataset file. Implementations throw IllegalArgumentException on a line they cannot use. */
public sealed interface InputFormat permits Gsm8kFormat, DropFormat, BamboogleFormat, GenericFormat {

    /** Name used in {@code datasets.yaml}. */
    String name();

    /** Whether a line looks like this format (used to recognise a file from its first line). */
    boolean recognises(JsonNode line);

    /** The problem on a line; {@code defaultId} when the line has no id. */
    DatasetItem read(JsonNode line, String defaultId, String dataset);

    /** A required text field, or a clear error. */
    static String required(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isBlank()) throw new IllegalArgumentException("no \"" + field + "\"");
        return s;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
