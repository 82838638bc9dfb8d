package io.divconq.datasets.metric;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A metric of one measure, {@code em}: 1 when the prediction (spans joined by spaces) matches any gold answer. */
public interface ExactMatchMetric extends AnswerMetric {

    String EM = "em";

    /** 1.0 when the predicted answer matches any gold answer, else 0.0. */
    double score(String predicted, List<String> gold);

    @Override
    default Set<String> measures() {
        return Set.of(EM);
    }

    @Override
    default Judgement judge(List<String> predictedSpans, List<List<String>> gold) {
        List<String> answers = gold.stream().map(spans -> String.join(" ", spans)).toList();
        return new Judgement(Map.of(EM, score(String.join(" ", predictedSpans), answers)));
    }
}
