package io.divconq.datasets.metric;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bamboogle's two measures, both after {@link SquadNormalizer}: {@code em}, the prediction equals a gold answer; and
 * {@code cover_em}, a gold answer appears in the prediction as a whole-word sequence (what the paper's evaluation
 * counts: the gold contained in the prediction). A blank gold answer never matches. Multi-span predictions are
 * joined with spaces.
 */
public final class CoverExactMatch implements AnswerMetric {

    public static final String EM = "em";
    public static final String COVER_EM = "cover_em";

    @Override
    public Set<String> measures() {
        return Set.of(EM, COVER_EM);
    }

    @Override
    public Judgement judge(List<String> predictedSpans, List<List<String>> gold) {
        String p = SquadNormalizer.normalize(String.join(" ", predictedSpans));
        double em = 0.0;
        double cover = 0.0;
        for (List<String> answer : gold) {
            String g = SquadNormalizer.normalize(String.join(" ", answer));
            if (g.isEmpty()) continue;
            if (p.equals(g)) em = 1.0;
            if ((" " + p + " ").contains(" " + g + " ")) cover = 1.0;
        }
        return new Judgement(Map.of(EM, em, COVER_EM, cover));
    }
}
