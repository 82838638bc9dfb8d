package io.divconq.decomposer;

import io.divconq.common.async.UnparseableReplyException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The paper's parser: keep the reply's lines that contain a question mark, numbering stripped, at most N;
 * a reply saying "No decomposition" means solve directly. Anything else is unparseable. The reply is
 * untrusted text: it is only ever split and trimmed, and each subquestion is capped in length.
 */
public final class DecompositionParser {

    static final int MAX_SUBQUESTION_CHARS = 500;
    /** "1.", "1)", "(1)", "-", "*", "•", "Q1:", "Subquestion 1:", "Step 1 -" and markdown emphasis. */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:[-*•]+\\s*)?(?:\\*\\*)?\\s*(?:(?:sub-?question|question|step|q)\\s*\\d+\\s*[:.)-]|\\(?\\d+[.):]|\\d+\\s+-)?\\s*(?:\\*\\*)?\\s*",
            Pattern.CASE_INSENSITIVE);

    private final int maxSubquestions;

    public DecompositionParser(int maxSubquestions) {
        if (maxSubquestions < 1) throw new IllegalArgumentException("maxSubquestions must be >= 1");
        this.maxSubquestions = maxSubquestions;
    }

    public ParsedDecomposition parse(String reply) {
        if (reply == null || reply.isBlank()) {
            throw new UnparseableReplyException("the decomposer returned an empty reply", reply);
        }
        Set<String> questions = new LinkedHashSet<>();
        for (String line : reply.split("\\R")) {
            if (line.indexOf('?') < 0) continue;
            String q = clean(line);
            if (q.length() > 1) questions.add(q);
        }
        if (!questions.isEmpty()) {
            List<String> kept = new ArrayList<>(questions);
            return new ParsedDecomposition.Subquestions(kept.subList(0, Math.min(maxSubquestions, kept.size())));
        }
        if (reply.toLowerCase(Locale.ROOT).contains("no decomposition")) {
            return new ParsedDecomposition.NoDecomposition();
        }
        throw new UnparseableReplyException(
                "the decomposer reply has no subquestion (no line with a question mark) and does not say \"No decomposition\"",
                reply);
    }

    static String clean(String line) {
        String q = PREFIX.matcher(line).replaceFirst("").strip();
        q = q.replaceAll("\\*\\*", "").strip();
        if (q.length() > MAX_SUBQUESTION_CHARS) q = q.substring(0, MAX_SUBQUESTION_CHARS);
        return q;
    }
}
