package io.divconq.distill.export;

import java.util.Objects;
import java.util.Set;

/**
 * What to export.
 *
 * @param modes           sdt and/or sdr: one training file (and its validation split) each
 * @param arm             the teacher: only decompositions written by this arm's decomposer
 * @param dataset         only this dataset, or null for all
 * @param sinceMs         only decompositions made at or after this time (epoch ms), or 0
 * @param excluded        questions that must never appear (e.g. an evaluation set's)
 * @param validShare      share of questions in the validation split, by a stable hash of the question
 * @param format          messages (OpenAI, TRL, Axolotl) or sharegpt (FastChat conversations)
 * @param preferences     also write prompt/chosen/rejected pairs
 * @param allowEvalSplits keep problems from evaluation splits
 * @param evalSplits      split names that count as evaluation
 */
public record ExportRequest(Set<ExportMode> modes, String arm, String dataset, long sinceMs, Set<QuestionKey> excluded,
                            double validShare, TrainingFormat format, boolean preferences, boolean allowEvalSplits,
                            Set<String> evalSplits) {

    /** Split names refused unless --allow-eval-splits: the usual names of held-out data. */
    public static final Set<String> DEFAULT_EVAL_SPLITS = Set.of("test", "validation", "valid", "dev", "eval");

    public ExportRequest {
        modes = Set.copyOf(modes);
        if (modes.isEmpty()) throw new IllegalArgumentException("choose at least one mode: sdt or sdr");
        Objects.requireNonNull(arm, "arm");
        if (!(validShare >= 0 && validShare < 1)) throw new IllegalArgumentException("--valid-share must be in [0, 1), got " + validShare);
        excluded = Set.copyOf(excluded);
        Objects.requireNonNull(format, "format");
        evalSplits = Set.copyOf(evalSplits);
    }

    /** The defaults of export-sft: every filter open, 5% validation, messages format. */
    public static ExportRequest of(Set<ExportMode> modes, String arm) {
        return new ExportRequest(modes, arm, null, 0, Set.of(), 0.05, TrainingFormat.MESSAGES, false, false, DEFAULT_EVAL_SPLITS);
    }

    public ExportRequest withValidShare(double share) {
        return new ExportRequest(modes, arm, dataset, sinceMs, excluded, share, format, preferences, allowEvalSplits, evalSplits);
    }

    public ExportRequest withExcluded(Set<QuestionKey> keys) {
        return new ExportRequest(modes, arm, dataset, sinceMs, keys, validShare, format, preferences, allowEvalSplits, evalSplits);
    }

    public ExportRequest withFormat(TrainingFormat f) {
        return new ExportRequest(modes, arm, dataset, sinceMs, excluded, validShare, f, preferences, allowEvalSplits, evalSplits);
    }

    public ExportRequest withPreferences(boolean p) {
        return new ExportRequest(modes, arm, dataset, sinceMs, excluded, validShare, format, p, allowEvalSplits, evalSplits);
    }

    public ExportRequest withAllowEvalSplits(boolean allow) {
        return new ExportRequest(modes, arm, dataset, sinceMs, excluded, validShare, format, preferences, allow, evalSplits);
    }

    public ExportRequest withDataset(String d) {
        return new ExportRequest(modes, arm, d, sinceMs, excluded, validShare, format, preferences, allowEvalSplits, evalSplits);
    }

    public ExportRequest withSince(long ms) {
        return new ExportRequest(modes, arm, dataset, ms, excluded, validShare, format, preferences, allowEvalSplits, evalSplits);
    }
}
