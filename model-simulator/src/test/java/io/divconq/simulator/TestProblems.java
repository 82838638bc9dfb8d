package io.divconq.simulator;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Problems for tests: generated inline ones, and the shared GSM8K test set when it is present. */
final class TestProblems {

    private static final String[] NAMES = {"Ava", "Ben", "Chloe", "Dev", "Emma", "Farid", "Gina", "Hugo", "Ines", "Jon"};
    private static final String[] THINGS = {"marbles", "stickers", "apples", "pencils", "shells"};

    private TestProblems() {
    }

    /** {@code count} distinct two-step word problems with socratic subquestions and steps. */
    static List<Problem> inline(int count) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = NAMES[i % NAMES.length];
            String thing = THINGS[(i / NAMES.length) % THINGS.length];
            int start = 3 + i;
            int bags = 2 + i % 7;
            int perBag = 4 + i % 5;
            String question = name + " has " + start + " " + thing + ". " + name + " buys " + bags
                    + " bags with " + perBag + " " + thing + " in each bag. How many " + thing + " does "
                    + name + " have now?";
            int inBags = bags * perBag;
            problems.add(new Problem("inline-" + i, question, Integer.toString(start + inBags),
                    List.of("How many " + thing + " are in the bags?", "How many " + thing + " does " + name + " have now?"),
                    List.of(bags + " * " + perBag + " = " + inBags + " " + thing + " are in the bags.",
                            name + " has " + start + " + " + inBags + " = " + (start + inBags) + " " + thing + " now.")));
        }
        return problems;
    }

    static ProblemKnowledge knowledgeOf(List<Problem> problems) {
        ProblemKnowledge knowledge = ProblemKnowledge.empty();
        problems.forEach(knowledge::add);
        return knowledge;
    }

    /** The GSM8K directory from {@code divconq.shared.dir}; skips the calling test when it is absent. */
    static Path gsm8kDirOrSkip() {
        String shared = System.getProperty("divconq.shared.dir");
        Assumptions.assumeTrue(shared != null, "divconq.shared.dir is not set");
        Path dir = Path.of(shared, "data", "gsm8k");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("test_socratic.jsonl")), "no GSM8K data at " + dir);
        return dir;
    }
}
