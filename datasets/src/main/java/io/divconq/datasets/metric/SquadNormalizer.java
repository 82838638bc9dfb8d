package io.divconq.datasets.metric;

/**
 * The SQuAD {@code normalize_answer} used for short factual answers: lowercase, ASCII punctuation removed, the words
 * a/an/the removed, whitespace collapsed ({@code white_space_fix(remove_articles(remove_punc(lower(s))))}).
 */
public final class SquadNormalizer {

    private SquadNormalizer() {
    }

    public static String normalize(String text) {
        return PythonText.collapseSpaces(PythonText.removeArticles(PythonText.removePunctuation(PythonText.lower(text))));
    }
}
