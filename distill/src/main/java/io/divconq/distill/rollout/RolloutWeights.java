package io.divconq.distill.rollout;

import java.util.Map;

/** The weight that gives an arm a traffic share while the other arms keep their weights (and so their proportions). */
public final class RolloutWeights {

    private RolloutWeights() {
    }

    public static double forShare(Map<String, Double> weights, String arm, double share) {
        if (!(share >= 0 && share < 1)) throw new IllegalArgumentException("a rollout share must be in [0, 1), got " + share);
        double others = weights.entrySet().stream().filter(e -> !e.getKey().equals(arm)).mapToDouble(Map.Entry::getValue).sum();
        if (others <= 0) throw new IllegalArgumentException("no other arm has traffic to share with '" + arm + "'");
        return share * others / (1 - share);
    }
}
