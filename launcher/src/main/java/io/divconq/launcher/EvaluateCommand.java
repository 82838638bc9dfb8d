package io.divconq.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.DatasetFile;
import io.divconq.datasets.Datasets;
import io.divconq.datasets.evaluate.Evaluation;
import io.divconq.datasets.evaluate.Predictions;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Scores any system's predictions offline with the metric divconq uses live. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score predictions (JSON lines {\"id\", \"prediction\"}) against a dataset file with the dataset's metric.")
public final class EvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "gsm8k, drop, bamboogle, ... (datasets.yaml).")
    String dataset;

    @Option(names = "--gold", required = true, paramLabel = "FILE", description = "The dataset file (e.g. ../shared/data/drop/dev-slice.jsonl).")
    Path gold;

    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "JSON lines {\"id\": ..., \"prediction\": \"...\"}; for DROP the prediction may be a list of spans.")
    Path predictions;

    @Option(names = "--per-item", paramLabel = "FILE", description = "Write {\"id\", <measures>, \"correct\"} per gold item.")
    Path perItem;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the means as JSON.")
    Path reportJson;

    private final PrintStream out;

    public EvaluateCommand() {
        this(System.out);
    }

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        DatasetDefinition definition = Datasets.defined(dataset).orElse(null);
        if (definition == null) {
            out.println("unknown --dataset " + dataset + "; known: " + Datasets.names());
            return 2;
        }
        for (Path p : new Path[] {gold, predictions}) {
            if (!Files.isReadable(p)) {
                out.println("cannot read " + p.toAbsolutePath());
                return 2;
            }
        }
        DatasetFile.Loaded loaded = DatasetFile.read(gold, definition.name(), 0);
        loaded.rejected().forEach(r -> out.println("gold: " + r));
        Predictions.Loaded predicted = Predictions.read(predictions);
        predicted.problems().forEach(r -> out.println("predictions: " + r));
        Evaluation.Result r = Evaluation.evaluate(definition, loaded.items(), predicted.byId());
        out.printf("%s (%s metric) over %d gold items: %s; correct %.2f%%%n", r.dataset(), r.metric(), r.items().size(),
                percentages(r.means()), 100 * r.accuracy());
        if (r.missing() > 0) out.println(r.missing() + " gold items have no prediction and score 0");
        if (!r.unmatched().isEmpty()) out.println(r.unmatched().size() + " predictions match no gold item, e.g. " + r.unmatched().get(0));
        if (perItem != null) writePerItem(r);
        if (reportJson != null) {
            JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(reportJson.toFile(), report(r, loaded, predicted));
            out.println("report written to " + reportJson);
        }
        return loaded.rejected().isEmpty() && predicted.problems().isEmpty() ? 0 : 1;
    }

    private static String percentages(Map<String, Double> means) {
        Map<String, String> p = new LinkedHashMap<>();
        means.forEach((m, v) -> p.put(m, String.format("%.2f", 100 * v)));
        return p.toString();
    }

    private void writePerItem(Evaluation.Result r) throws java.io.IOException {
        try (BufferedWriter w = Files.newBufferedWriter(perItem, StandardCharsets.UTF_8)) {
            for (Evaluation.Item item : r.items()) {
                ObjectNode n = JSON.createObjectNode().put("id", item.id());
                item.measures().forEach(n::put);
                n.put("correct", item.correct());
                if (!item.predicted()) n.put("missing", true);
                w.write(JSON.writeValueAsString(n));
                w.newLine();
            }
        }
    }

    static ObjectNode report(Evaluation.Result r, DatasetFile.Loaded gold, Predictions.Loaded predicted) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dataset", r.dataset());
        n.put("metric", r.metric());
        n.put("items", r.items().size());
        r.means().forEach(n::put);
        n.put("accuracy", r.accuracy());
        n.put("missing_predictions", r.missing());
        n.put("unmatched_predictions", r.unmatched().size());
        n.put("unreadable_gold_lines", gold.rejected().size());
        n.put("prediction_problems", predicted.problems().size());
        return n;
    }
}
