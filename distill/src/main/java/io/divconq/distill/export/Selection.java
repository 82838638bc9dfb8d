package io.divconq.distill.export;

import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which examples one mode keeps, and why each other one was dropped. Pure: the same examples and request give the
 * same result in any order, because examples are taken oldest first (ties by problem id and arm).
 */
public record Selection(ExportMode mode, int read, List<DistillExample> kept, Map<DropReason, Integer> dropped) {

    static final Comparator<DistillExample> OLDEST_FIRST = Comparator.comparingLong(DistillExample::getDecomposedAtMs)
            .thenComparing(DistillExample::getProblemId).thenComparing(DistillExample::getArm)
            .thenComparing(DistillExample::getShadow);

    public static Selection of(ExportMode mode, List<DistillExample> examples, ExportRequest request) {
        List<DistillExample> ordered = new ArrayList<>(examples);
        ordered.sort(OLDEST_FIRST);
        Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
        List<DistillExample> kept = new ArrayList<>();
        Set<QuestionKey> seen = new HashSet<>();
        for (DistillExample e : ordered) {
            DropReason why = eligibility(e, request);
            if (why == null) why = mode.rejects(e.getOutcome());
            if (why == null && !seen.add(key(e))) why = DropReason.DUPLICATE;
            if (why == null) kept.add(e);
            else dropped.merge(why, 1, Integer::sum);
        }
        return new Selection(mode, examples.size(), List.copyOf(kept), Map.copyOf(dropped));
    }

    /** Reasons that hold in every mode: not the teacher's, filtered out, no usable target, or not allowed in training. */
    static DropReason eligibility(DistillExample e, ExportRequest r) {
        if (!r.arm().equals(e.getDecomposerArm())) return DropReason.OTHER_ARM;
        if (r.dataset() != null && !r.dataset().equalsIgnoreCase(e.getDataset())) return DropReason.OTHER_DATASET;
        if (e.getDecomposedAtMs() < r.sinceMs()) return DropReason.BEFORE_SINCE;
        if (!e.getUsable()) return DropReason.UNPARSABLE;
        if (e.getOutcome() == DistillOutcome.FAILED) return DropReason.FAILED;
        if (!r.allowEvalSplits() && e.getSplit() != null && r.evalSplits().contains(e.getSplit().toLowerCase(Locale.ROOT))) {
            return DropReason.EVAL_SPLIT;
        }
        if (r.excluded().contains(key(e))) return DropReason.EXCLUDED;
        return null;
    }

    static QuestionKey key(DistillExample e) {
        return QuestionKey.of(e.getQuestion(), e.getPassage());
    }

    /** Every example read is either kept or dropped for exactly one reason. */
    public int droppedTotal() {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
