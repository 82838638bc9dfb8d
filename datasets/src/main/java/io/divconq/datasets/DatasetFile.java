package io.divconq.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dataset file of JSON lines. Its dataset is named, or recognised from its first line (DROP, Bamboogle,
 * GSM8K, else divconq's generic lines, whose own "dataset" field names theirs). Lines that cannot be read (not valid
 * UTF-8, not JSON, missing fields) are reported with their number and skipped, never dropped silently; the rest are read. Ids default to {@code <file stem>-<line number>};
 * splits are a line's own, else the one given, else the file name's ({@link DatasetSplit}).
 */
public final class DatasetFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetFile() {
    }

    /** The items read (up to the limit), the dataset they were read as, and the lines that could not be read. */
    public record Loaded(DatasetDefinition dataset, List<DatasetItem> items, List<String> rejected) {
    }

    /** Reads up to {@code limit} items (0 = all), splits from the lines or the file name. */
    public static Loaded read(Path file, String dataset, int limit) throws IOException {
        return read(file, dataset, null, limit);
    }

    /**
     * Reads up to {@code limit} items (0 = all).
     *
     * @param dataset the dataset name, or null to recognise it from the first line
     * @param split   the split of every line without its own, or null to take it from the file name
     */
    public static Loaded read(Path file, String dataset, String split, int limit) throws IOException {
        String fileSplit = split != null ? split : DatasetSplit.ofFileName(file.getFileName().toString());
        String stem = file.getFileName().toString().replaceFirst("\\.jsonl?$", "");
        DatasetDefinition definition = dataset == null ? null : Datasets.get(dataset);
        List<DatasetItem> items = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (Utf8Lines in = new Utf8Lines(Files.newInputStream(file))) {
            byte[] bytes;
            int number = 0;
            while ((bytes = in.next()) != null && (limit <= 0 || items.size() < limit)) {
                number++;
                String line;
                try {
                    line = in.decode(bytes);
                } catch (java.nio.charset.CharacterCodingException e) {
                    rejected.add(file.getFileName() + ":" + number + ": not valid UTF-8 (" + e.getMessage() + ")");
                    continue;
                }
                if (line.isBlank()) continue;
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
                    if (definition == null) definition = Datasets.recognise(node);
                    items.add(definition.input().read(node, stem + "-" + number, definition.name()).withSplit(DatasetSplit.of(node, fileSplit)));
                } catch (IOException | IllegalArgumentException e) {
                    rejected.add(file.getFileName() + ":" + number + ": " + e.getMessage());
                }
            }
        }
        return new Loaded(definition == null ? Datasets.get(Datasets.CUSTOM) : definition, items, rejected);
    }
}
