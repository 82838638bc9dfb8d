package io.divconq.datasets.metric;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DROP exact match and F1 with the semantics of the official {@code drop_eval.py} (DROP authors / AllenNLP,
 * {@code allennlp_models/rc/tools/drop.py}): see {@link DropNormalizer} for the normalisation; EM is 1 when the
 * normalised predicted spans and gold spans are the same list up to order; F1 aligns predicted and gold span bags
 * one to one so that the total F1 is maximal (a pair scores 0 when the gold bag has numbers and the predicted bag
 * shares none), averages over max(#gold, #predicted) spans and rounds to two places as numpy does. Gold answers
 * whose first span is blank are skipped; EM and F1 are each the maximum over the rest.
 */
public final class DropMetric implements AnswerMetric {

    public static final String EM = "em";
    public static final String F1 = "f1";

    @Override
    public Set<String> measures() {
        return Set.of(EM, F1);
    }

    @Override
    public Judgement judge(List<String> predictedSpans, List<List<String>> gold) {
        double em = 0.0;
        double f1 = 0.0;
        for (List<String> answer : gold) {
            if (answer.isEmpty() || PythonText.strip(answer.get(0)).isEmpty()) continue;
            double[] m = emAndF1(predictedSpans, answer);
            em = Math.max(em, m[0]);
            f1 = Math.max(f1, m[1]);
        }
        return new Judgement(Map.of(EM, em, F1, f1));
    }

    /** {@code get_metrics(predicted, gold)}: {exact match, F1} of one gold answer. */
    public static double[] emAndF1(List<String> predicted, List<String> gold) {
        List<String> p = normalized(predicted);
        List<String> g = normalized(gold);
        double em = new HashSet<>(p).equals(new HashSet<>(g)) && p.size() == g.size() ? 1.0 : 0.0;
        double f1 = NumpyMath.round(NumpyMath.mean(alignedF1(bags(p), bags(g))), 2);
        return new double[] {em, f1};
    }

    private static List<String> normalized(List<String> spans) {
        return spans.stream().map(DropNormalizer::normalize).toList();
    }

    private static List<Set<String>> bags(List<String> normalizedSpans) {
        return normalizedSpans.stream().map(DropNormalizer::bag).toList();
    }

    /** {@code _align_bags}: per gold span the F1 of its assigned predicted span, zeros up to max(#gold, #pred). */
    static double[] alignedF1(List<Set<String>> predicted, List<Set<String>> gold) {
        double[][] scores = new double[gold.size()][predicted.size()];
        for (int g = 0; g < gold.size(); g++) {
            for (int p = 0; p < predicted.size(); p++) {
                if (numbersMatch(gold.get(g), predicted.get(p))) scores[g][p] = f1(predicted.get(p), gold.get(g));
            }
        }
        int[] assigned = SpanAlignment.maximise(scores);
        double[] best = new double[Math.max(gold.size(), predicted.size())];
        for (int g = 0; g < assigned.length; g++) {
            if (assigned[g] >= 0) best[g] = Math.max(best[g], scores[g][assigned[g]]);
        }
        return best;
    }

    /** {@code _compute_f1} of two token bags; an empty bag has precision (or recall) 1. */
    static double f1(Set<String> predicted, Set<String> gold) {
        Set<String> common = new HashSet<>(gold);
        common.retainAll(predicted);
        int intersection = common.size();
        double precision = predicted.isEmpty() ? 1.0 : intersection / (double) predicted.size();
        double recall = gold.isEmpty() ? 1.0 : intersection / (double) gold.size();
        return precision == 0.0 && recall == 0.0 ? 0.0 : (2 * precision * recall) / (precision + recall);
    }

    /** {@code _match_numbers_if_present}: true when the gold bag has no number or shares one with the prediction. */
    static boolean numbersMatch(Set<String> gold, Set<String> predicted) {
        Set<String> goldNumbers = numbers(gold);
        if (goldNumbers.isEmpty()) return true;
        goldNumbers.retainAll(numbers(predicted));
        return !goldNumbers.isEmpty();
    }

    private static Set<String> numbers(Collection<String> bag) {
        Set<String> out = new HashSet<>();
        for (String w : bag) if (PythonFloat.isNumber(w)) out.add(w);
        return out;
    }

    /** The spans of one DROP answer object, as {@code answer_json_to_strings}: number, else spans, else the date. */
    public static List<String> answerSpans(String number, List<String> spans, String day, String month, String year) {
        if (number != null && !number.isEmpty()) return List.of(number);
        if (spans != null && !spans.isEmpty()) return List.copyOf(spans);
        return new ArrayList<>(List.of(nz(day) + " " + nz(month) + " " + nz(year)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
