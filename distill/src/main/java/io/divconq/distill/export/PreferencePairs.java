package io.divconq.distill.export;

import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Preference pairs: a question with one decomposition that led to a right answer and another (different) one that
 * led to a wrong answer, under the same prompt, from any arm (shadow runs and repeats are where they come from).
 */
public record PreferencePairs(List<Pair> pairs) {

    /** The oldest right and the oldest differing wrong decomposition of one question. */
    public record Pair(DistillExample chosen, DistillExample rejected) {
    }

    public static PreferencePairs of(List<DistillExample> examples, ExportRequest request) {
        List<DistillExample> ordered = new ArrayList<>(examples);
        ordered.sort(Selection.OLDEST_FIRST);
        Map<String, List<DistillExample>> byPrompt = new LinkedHashMap<>();
        for (DistillExample e : ordered) {
            boolean labelled = e.getOutcome() == DistillOutcome.CORRECT || e.getOutcome() == DistillOutcome.INCORRECT;
            DropReason why = Selection.eligibility(e, request);
            if (labelled && (why == null || why == DropReason.OTHER_ARM)) {
                byPrompt.computeIfAbsent(e.getPromptVariant() + "\u0000" + Selection.key(e).value(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (List<DistillExample> group : byPrompt.values()) {
            group.stream().filter(e -> e.getOutcome() == DistillOutcome.CORRECT).findFirst().ifPresent(chosen ->
                    group.stream().filter(e -> e.getOutcome() == DistillOutcome.INCORRECT)
                            .filter(e -> !Objects.equals(TrainingPrompt.target(e), TrainingPrompt.target(chosen)))
                            .findFirst().ifPresent(rejected -> pairs.add(new Pair(chosen, rejected))));
        }
        return new PreferencePairs(List.copyOf(pairs));
    }
}
