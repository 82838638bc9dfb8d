package io.divconq.datasets.evaluate;

import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.DatasetItem;
import io.divconq.datasets.metric.Judgement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Offline scoring of a system's predictions with exactly the metric divconq uses live: every gold item is judged
 * (a missing prediction scores 0 on every measure, as in the official DROP evaluator), then the measures are
 * averaged over all gold items.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** One gold item's judgement; {@code predicted} is false when the system gave no prediction for it. */
    public record Item(String id, Map<String, Double> measures, boolean correct, boolean predicted) {
    }

    /**
     * @param items       per gold item, in gold-file order
     * @param means       each measure's mean over all gold items
     * @param accuracy    share of items judged correct
     * @param missing     gold items without a prediction
     * @param unmatched   prediction ids that match no gold item
     */
    public record Result(String dataset, String metric, List<Item> items, Map<String, Double> means, double accuracy,
                         int missing, List<String> unmatched) {
    }

    public static Result evaluate(DatasetDefinition dataset, List<DatasetItem> gold, Map<String, Predictions.Prediction> predictions) {
        List<Item> items = new ArrayList<>();
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String m : new TreeSet<>(dataset.scorer().measures())) sums.put(m, 0.0);
        int correct = 0;
        int missing = 0;
        Set<String> goldIds = new HashSet<>();
        for (DatasetItem item : gold) {
            goldIds.add(item.id());
            Predictions.Prediction p = predictions.get(item.id());
            Item judged;
            if (p == null) {
                missing++;
                Map<String, Double> zeros = new LinkedHashMap<>();
                sums.keySet().forEach(m -> zeros.put(m, 0.0));
                judged = new Item(item.id(), zeros, false, false);
            } else {
                Judgement j = p instanceof Predictions.Spans s ? dataset.judgeSpans(s.spans(), item.gold())
                        : dataset.judge(((Predictions.Text) p).text(), item.gold());
                Map<String, Double> ordered = new LinkedHashMap<>();
                sums.keySet().forEach(m -> ordered.put(m, j.get(m)));
                judged = new Item(item.id(), ordered, dataset.isCorrect(j), true);
            }
            judged.measures().forEach((m, v) -> sums.merge(m, v, Double::sum));
            if (judged.correct()) correct++;
            items.add(judged);
        }
        Map<String, Double> means = new LinkedHashMap<>();
        int n = gold.size();
        sums.forEach((m, s) -> means.put(m, n == 0 ? 0.0 : s / n));
        List<String> unmatched = predictions.keySet().stream().filter(id -> !goldIds.contains(id)).toList();
        return new Result(dataset.name(), dataset.metric(), items, means, n == 0 ? 0.0 : correct / (double) n, missing, unmatched);
    }
}
