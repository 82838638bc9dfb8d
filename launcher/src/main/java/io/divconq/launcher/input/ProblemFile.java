package io.divconq.launcher.input;

import io.divconq.avro.Problem;
import io.divconq.datasets.AnswerFormat;
import io.divconq.datasets.DatasetFile;
import io.divconq.datasets.DatasetItem;
import io.divconq.datasets.Datasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads problems from dataset files (DROP, Bamboogle and GSM8K files as published, or divconq's own JSON lines;
 * see {@link DatasetFile}). Several files can be mixed; the limit applies to each. Lines that cannot be read are
 * reported with their number and skipped; a repeated id is made unique ({@code id#<n>}) and reported, so every
 * problem read is one problem scored.
 */
public final class ProblemFile {

    /** The --split option's help, the same on run and produce. */
    public static final String SPLIT_HELP = "The dataset split of every --input line without its own \"split\" field (train, test, dev, ...); "
            + "default: the file name's (train.jsonl → train, test*.jsonl → test, dev*.jsonl → dev). export-sft refuses evaluation splits.";

    private ProblemFile() {
    }

    /** The problems read, the lines that could not be (or were renamed), with why, and how many per dataset. */
    public record Loaded(List<Problem> problems, List<String> rejected, Map<String, Integer> perDataset) {
    }

    /** Reads up to limit problems (0 = all); createdAtMs is left 0 for the producer to stamp. */
    public static Loaded read(Path file, int limit) throws IOException {
        return read(List.of(file), null, limit);
    }

    /** Reads up to {@code limitPerInput} problems from each file (0 = all), splits from the lines or the file names. */
    public static Loaded read(List<Path> files, String dataset, int limitPerInput) throws IOException {
        return read(files, dataset, null, limitPerInput);
    }

    /**
     * Reads up to {@code limitPerInput} problems from each file (0 = all).
     *
     * @param dataset the dataset of every file, or null to recognise each file's from its first line
     * @param split   the split of every line without its own, or null to take each file's from its name
     */
    public static Loaded read(List<Path> files, String dataset, String split, int limitPerInput) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> perDataset = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            DatasetFile.Loaded loaded = DatasetFile.read(file, dataset, split, limitPerInput);
            notes.addAll(loaded.rejected());
            for (DatasetItem item : loaded.items()) {
                String id = item.id();
                for (int n = 2; !ids.add(id); n++) id = item.id() + "#" + n;
                if (!id.equals(item.id())) notes.add(file.getFileName() + ": repeated id " + item.id() + " sent as " + id);
                problems.add(problem(item, id));
                perDataset.merge(item.dataset(), 1, Integer::sum);
            }
        }
        return new Loaded(problems, notes, perDataset);
    }

    /**
     * The pipeline record of an item. Gold answers that are span lists (DROP, or any answer of several spans) go to
     * goldSpans, with each answer's spans joined by "; " in goldAnswers for display; others are goldAnswers alone.
     */
    static Problem problem(DatasetItem item, String id) {
        boolean spans = Datasets.get(item.dataset()).answer() == AnswerFormat.SPANS || item.gold().stream().anyMatch(g -> g.size() != 1);
        return Problem.newBuilder()
                .setId(id)
                .setDataset(item.dataset())
                .setQuestion(item.question())
                .setContext(item.context())
                .setGoldAnswers(item.gold().stream().map(g -> String.join(AnswerFormat.SPAN_SEPARATOR + " ", g)).toList())
                .setGoldSpans(spans ? new ArrayList<>(item.gold().stream().map(g -> (List<String>) new ArrayList<>(g)).toList()) : List.of())
                .setCreatedAtMs(0L)
                .setAttributes(new LinkedHashMap<>(item.attributes()))
                .setSplit(item.split())
                .build();
    }
}
