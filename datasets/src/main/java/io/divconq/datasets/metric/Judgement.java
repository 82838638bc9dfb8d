package io.divconq.datasets.metric;

import java.util.Map;

/**
 * What a metric says about one prediction: every measure it computes by name (e.g. {@code em} and {@code f1} for
 * DROP, {@code em} and {@code cover_em} for Bamboogle), each in [0, 1].
 */
public record Judgement(Map<String, Double> measures) {

    public Judgement {
        measures = Map.copyOf(measures);
    }

    /** A measure's value; fails clearly when the metric does not compute it. */
    public double get(String measure) {
        Double v = measures.get(measure);
        if (v == null) throw new IllegalArgumentException("no measure '" + measure + "' in " + measures.keySet());
        return v;
    }
}
