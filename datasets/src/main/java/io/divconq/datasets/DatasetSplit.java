package io.divconq.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * The split (train, test, dev, ...) a problem read from a dataset file belongs to: the line's own {@code "split"}
 * field, else the one given for the file (e.g. {@code --split}), else the first word of the file name that names a
 * split ({@code train.jsonl} → train, {@code test_socratic.jsonl} → test, {@code dev-slice.jsonl} → dev); null when
 * none does.
 */
public final class DatasetSplit {

    public static final String FIELD = "split";
    /** Words of a file name taken as its split. */
    static final Set<String> NAMES = Set.of("train", "test", "dev", "validation", "valid", "eval");

    private DatasetSplit() {
    }

    /** The split named by a file name (without directories), or null. */
    public static String ofFileName(String fileName) {
        for (String word : fileName.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (NAMES.contains(word)) return word;
        }
        return null;
    }

    /** The split of one line: its own field wins over the file's. */
    static String of(JsonNode line, String fileSplit) {
        JsonNode own = line.get(FIELD);
        return own != null && own.isTextual() && !own.asText().isBlank() ? own.asText().strip() : fileSplit;
    }
}
