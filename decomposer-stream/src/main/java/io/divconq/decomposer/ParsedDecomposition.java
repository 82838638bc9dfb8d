package io.divconq.decomposer;

import java.util.List;

/** What a decomposer reply means: a list of subquestions, or "No decomposition" (solve the question directly). */
public sealed interface ParsedDecomposition {

    record Subquestions(List<String> questions) implements ParsedDecomposition {
        public Subquestions {
            questions = List.copyOf(questions);
        }
    }

    record NoDecomposition() implements ParsedDecomposition {
    }
}
