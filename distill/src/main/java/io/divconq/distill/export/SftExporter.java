package io.divconq.distill.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.avro.DistillExample;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes SD-T / SD-R training files from distill examples: DIR/&lt;mode&gt;.jsonl and DIR/&lt;mode&gt;.valid.jsonl per
 * mode, DIR/preferences.jsonl when asked, and DIR/manifest.json with the counts, provenance and SHA-256 of each file.
 */
public final class SftExporter {

    public static final String MANIFEST = "manifest.json";
    public static final String PREFERENCES = "preferences.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper();

    private final java.util.function.LongSupplier clock;

    public SftExporter(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    /** What was written: each mode's selection and the manifest as written. */
    public record Result(Map<ExportMode, Selection> selections, int preferencePairs, ObjectNode manifest) {
    }

    public Result export(List<DistillExample> examples, ExportRequest request, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<ExportMode, Selection> selections = new TreeMap<>();
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        ObjectNode exports = TrainingFormat.JSON.objectNode();
        List<DistillExample> keptAll = new ArrayList<>();
        for (ExportMode mode : new TreeSet<>(request.modes())) {
            Selection s = Selection.of(mode, examples, request);
            selections.put(mode, s);
            keptAll.addAll(s.kept());
            List<DistillExample> train = s.kept().stream().filter(e -> !Selection.key(e).inValidation(request.validShare())).toList();
            List<DistillExample> valid = s.kept().stream().filter(e -> Selection.key(e).inValidation(request.validShare())).toList();
            files.put(mode.id() + ".jsonl", writeTraining(dir.resolve(mode.id() + ".jsonl"), train, request.format()));
            files.put(mode.id() + ".valid.jsonl", writeTraining(dir.resolve(mode.id() + ".valid.jsonl"), valid, request.format()));
            ObjectNode counts = exports.putObject(mode.id());
            counts.put("read", s.read()).put("kept", s.kept().size()).put("train", train.size()).put("valid", valid.size());
            ObjectNode dropped = counts.putObject("dropped");
            for (DropReason r : DropReason.values()) dropped.put(r.id(), s.dropped().getOrDefault(r, 0));
        }
        int pairs = 0;
        if (request.preferences()) {
            PreferencePairs p = PreferencePairs.of(examples, request);
            pairs = p.pairs().size();
            files.put(PREFERENCES, writePreferences(dir.resolve(PREFERENCES), p));
        }
        ObjectNode manifest = manifest(request, exports, keptAll, files, pairs);
        JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        return new Result(Map.copyOf(selections), pairs, manifest);
    }

    private ObjectNode manifest(ExportRequest request, ObjectNode exports, List<DistillExample> kept,
                                Map<String, ObjectNode> files, int pairs) {
        ObjectNode m = TrainingFormat.JSON.objectNode();
        m.put("generatedAtMs", clock.getAsLong());
        m.put("format", request.format().id());
        m.put("teacherArm", request.arm());
        ArrayNode models = m.putArray("teacherModels");
        kept.stream().map(DistillExample::getDecomposeModel).filter(java.util.Objects::nonNull).distinct().sorted().forEach(models::add);
        ObjectNode prompts = m.putObject("promptTemplateSha256");
        kept.stream().map(DistillExample::getPromptVariant).distinct().sorted()
                .forEach(v -> prompts.put(v, TrainingPrompt.templateHash(v)));
        ObjectNode datasets = m.putObject("datasets");
        Map<String, TreeSet<String>> splits = new TreeMap<>();
        kept.forEach(e -> splits.computeIfAbsent(e.getDataset(), d -> new TreeSet<>()).add(e.getSplit() == null ? "unknown" : e.getSplit()));
        splits.forEach((d, ss) -> ss.forEach(datasets.putArray(d)::add));
        ObjectNode range = m.putObject("timeRange");
        kept.stream().mapToLong(DistillExample::getDecomposedAtMs).min().ifPresentOrElse(v -> range.put("fromMs", v), () -> range.putNull("fromMs"));
        kept.stream().mapToLong(DistillExample::getDecomposedAtMs).max().ifPresentOrElse(v -> range.put("toMs", v), () -> range.putNull("toMs"));
        ObjectNode filters = m.putObject("filters");
        if (request.dataset() == null) filters.putNull("dataset"); else filters.put("dataset", request.dataset());
        filters.put("sinceMs", request.sinceMs()).put("excludedQuestions", request.excluded().size())
                .put("validShare", request.validShare()).put("allowEvalSplits", request.allowEvalSplits());
        request.evalSplits().stream().sorted().forEach(filters.putArray("evalSplits")::add);
        m.set("exports", exports);
        if (request.preferences()) m.putObject("preferences").put("pairs", pairs);
        ObjectNode fileNode = m.putObject("files");
        files.forEach(fileNode::set);
        return m;
    }

    private static ObjectNode writeTraining(Path file, List<DistillExample> examples, TrainingFormat format) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (DistillExample e : examples) {
                w.write(LINES.writeValueAsString(format.line(e.getProblemId(), TrainingPrompt.of(e), TrainingPrompt.target(e))));
                w.write('\n');
            }
        }
        return fileEntry(file, examples.size());
    }

    private static ObjectNode writePreferences(Path file, PreferencePairs pairs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (PreferencePairs.Pair p : pairs.pairs()) {
                TrainingPrompt prompt = TrainingPrompt.of(p.chosen());
                ObjectNode line = TrainingFormat.JSON.objectNode();
                line.putArray("prompt").add(TrainingFormat.message("system", prompt.system()))
                        .add(TrainingFormat.message("user", prompt.user()));
                line.putArray("chosen").add(TrainingFormat.message("assistant", TrainingPrompt.target(p.chosen())));
                line.putArray("rejected").add(TrainingFormat.message("assistant", TrainingPrompt.target(p.rejected())));
                w.write(LINES.writeValueAsString(line));
                w.write('\n');
            }
        }
        return fileEntry(file, pairs.pairs().size());
    }

    private static ObjectNode fileEntry(Path file, int lines) throws IOException {
        return TrainingFormat.JSON.objectNode().put("lines", lines)
                .put("sha256", QuestionKey.sha256Hex(Files.readAllBytes(file)));
    }
}
