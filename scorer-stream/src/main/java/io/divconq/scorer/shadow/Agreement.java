package io.divconq.scorer.shadow;

import io.divconq.avro.Score;
import io.divconq.avro.ShadowPair;
import io.divconq.datasets.metric.NormalizedExactMatch;
import io.divconq.datasets.metric.NumericExactMatch;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Do two answers to the same problem agree? Symmetric: when both read as a number they agree when the numbers are
 * equal, otherwise when their normalised texts are equal — so swapping the answers never changes the outcome.
 */
public final class Agreement {

    private Agreement() {
    }

    private static final Pattern NUMERIC = Pattern.compile("[$€£]?\\s*-?[\\d,]*\\.?\\d+\\s*%?");

    public static boolean agree(String a, String b) {
        Optional<BigDecimal> x = numeric(a);
        Optional<BigDecimal> y = numeric(b);
        if (x.isPresent() && y.isPresent()) return x.get().compareTo(y.get()) == 0;
        return NormalizedExactMatch.normalize(a).equals(NormalizedExactMatch.normalize(b));
    }

    /** The answer's number when the whole answer is one ("$1,200", "-3.5", "40%"). */
    private static Optional<BigDecimal> numeric(String s) {
        if (s == null || !NUMERIC.matcher(s.strip()).matches()) return Optional.empty();
        return NumericExactMatch.number(s);
    }

    /**
     * The outcome of a shadow run against the arm's own score of the same problem (null while that is not in): a pair
     * when both answered, a flagged shadow failure when the shadow failed. A failure of the arm's own run is the arm's
     * (counted in its scores), so there is then no pair.
     */
    public static ShadowPair outcome(Score shadow, Score primary) {
        boolean shadowFailed = shadow.getFailed();
        boolean paired = !shadowFailed && primary != null && !primary.getFailed();
        String primaryAnswer = primary == null ? "" : primary.getPredicted();
        return ShadowPair.newBuilder()
                .setProblemId(shadow.getProblemId())
                .setArm(shadow.getArm())
                .setPaired(paired)
                .setAgree(paired && agree(primaryAnswer, shadow.getPredicted()))
                .setPrimaryAnswer(primaryAnswer)
                .setShadowAnswer(shadow.getPredicted())
                .setShadowFailed(shadowFailed)
                .setShadowCostUsd(shadow.getCostUsdDecompose() + shadow.getCostUsdSolve())
                .build();
    }
}
