package io.divconq.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema reads data written with the old one;
 * FORWARD: the old schema reads data written with the new one; FULL: both. Plain levels compare with the
 * latest version only, the {@code _TRANSITIVE} ones with every version.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Why {@code candidate} may not follow {@code existingOldestFirst} under this level; empty when it may.
     * Non-transitive levels look at the last (latest) element only.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> existingOldestFirst) {
        if (existingOldestFirst.isEmpty()) {
            return List.of();
        }
        List<Schema> compared = transitive
                ? existingOldestFirst
                : List.of(existingOldestFirst.get(existingOldestFirst.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema existing : compared) {
            if (backward) {
                describe(candidate, existing, "the new schema cannot read data written with an existing schema", problems);
            }
            if (forward) {
                describe(existing, candidate, "an existing schema cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String direction, List<String> problems) {
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at " + incompatibility.getLocation() + " (" + direction + "): "
                    + incompatibility.getMessage());
        }
    }

    /** Parses a level name case-insensitively; 422 (42203) for anything else. */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            String normalized = name.trim().toUpperCase(Locale.ROOT);
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(normalized)) {
                    return level;
                }
            }
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + name + "'. Valid values are " + Arrays.toString(values()) + ".");
    }
}
