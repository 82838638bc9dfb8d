package io.divconq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The problems the simulator knows, looked up by question text after whitespace normalisation. Loaded from
 * GSM8K-style JSON lines ({@code {"question", "answer", "id"?}}, gold after {@code ####}; socratic answer lines
 * {@code subquestion ** worked step}) and/or added programmatically; entries for the same question are merged.
 * Thread-safe.
 */
public final class ProblemKnowledge {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemKnowledge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOCRATIC_SEPARATOR = "**";

    private final ConcurrentHashMap<String, KnownProblem> byQuestion = new ConcurrentHashMap<>();

    private ProblemKnowledge() {
    }

    public static ProblemKnowledge empty() {
        return new ProblemKnowledge();
    }

    /** Loads and merges the given JSON-lines files. */
    public static ProblemKnowledge fromJsonLines(Path... files) {
        ProblemKnowledge knowledge = new ProblemKnowledge();
        for (Path file : files) {
            knowledge.addJsonLines(file);
        }
        return knowledge;
    }

    /** Loads {@code test.jsonl} and {@code test_socratic.jsonl} from a GSM8K directory (whichever exist). */
    public static ProblemKnowledge fromGsm8kTest(Path gsm8kDir) {
        ProblemKnowledge knowledge = new ProblemKnowledge();
        for (String name : List.of("test.jsonl", "test_socratic.jsonl")) {
            Path file = gsm8kDir.resolve(name);
            if (Files.isRegularFile(file)) {
                knowledge.addJsonLines(file);
            }
        }
        return knowledge;
    }

    /** Adds every problem of a JSON-lines file; returns this. */
    public ProblemKnowledge addJsonLines(Path file) {
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    add(parseLine(line, file, lineNumber));
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read problems from " + file, e);
        }
        LOG.info("Loaded {} problems from {}", count, file);
        return this;
    }

    /** Adds a problem, merging it with any problem of the same question; returns this. */
    public ProblemKnowledge add(Problem problem) {
        String key = Texts.normalizeWhitespace(problem.question());
        byQuestion.merge(key, KnownProblem.of(problem), (old, fresh) -> KnownProblem.of(merge(old.problem(), problem)));
        return this;
    }

    /** Adds a problem with its gold answer and (possibly empty) canonical subquestions with one worked step each. */
    public ProblemKnowledge add(String question, String gold, List<String> subquestions, List<String> steps) {
        return add(new Problem(null, question, gold, subquestions, steps));
    }

    public Optional<Problem> find(String question) {
        return Optional.ofNullable(byQuestion.get(Texts.normalizeWhitespace(question))).map(KnownProblem::problem);
    }

    /** The canonical subquestions of a question: human-written when known, otherwise derived from its sentences. */
    public List<String> canonicalSubquestions(String question) {
        return lookup(question).canonicalSubquestions();
    }

    /** The decomposition a decomposer gives when it decomposes well: at most three canonical subquestions. */
    public List<String> goodDecomposition(String question) {
        return lookup(question).goodDecomposition();
    }

    public int size() {
        return byQuestion.size();
    }

    public Collection<Problem> problems() {
        return byQuestion.values().stream().map(KnownProblem::problem).collect(Collectors.toList());
    }

    /** The known problem for a question, or one with a derived decomposition and no gold answer. */
    KnownProblem lookup(String question) {
        KnownProblem known = byQuestion.get(Texts.normalizeWhitespace(question));
        return known != null ? known : KnownProblem.unknown(Texts.normalizeWhitespace(question));
    }

    private static Problem merge(Problem old, Problem fresh) {
        String id = old.id() != null ? old.id() : fresh.id();
        String gold = old.gold() != null ? old.gold() : fresh.gold();
        if (old.gold() != null && fresh.gold() != null && !old.gold().equals(fresh.gold())) {
            LOG.warn("Conflicting gold answers {} and {} for one question; keeping the first", old.gold(), fresh.gold());
        }
        if (old.hasSubquestions() || !fresh.hasSubquestions() && !old.steps().isEmpty()) {
            return new Problem(id, old.question(), gold, old.subquestions(), old.steps());
        }
        return new Problem(id, old.question(), gold, fresh.subquestions(), fresh.steps());
    }

    static Problem parseLine(String line, Path file, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": not JSON: " + e.getMessage(), e);
        }
        String question = node.path("question").asText(null);
        String answer = node.path("answer").asText(null);
        if (question == null || answer == null) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": needs \"question\" and \"answer\"");
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : null;
        return parseAnswer(id, question, answer);
    }

    /** Splits a GSM8K answer into worked lines (socratic or plain) and the gold after {@code ####}. */
    static Problem parseAnswer(String id, String question, String answer) {
        Gsm8kAnswer parsed = Gsm8kAnswer.parse(answer);
        String gold = parsed.gold();
        String body = parsed.body();
        List<String> subquestions = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String rawLine : body.split("\n")) {
            if (rawLine.isBlank()) {
                continue;
            }
            int sep = rawLine.indexOf(SOCRATIC_SEPARATOR);
            if (sep >= 0) {
                subquestions.add(Texts.normalizeWhitespace(rawLine.substring(0, sep)));
                steps.add(Texts.stripCalculatorNotes(rawLine.substring(sep + SOCRATIC_SEPARATOR.length())));
            } else if (!steps.isEmpty()) {
                int last = steps.size() - 1;
                steps.set(last, steps.get(last) + " " + Texts.stripCalculatorNotes(rawLine));
            } else {
                plain.add(Texts.stripCalculatorNotes(rawLine));
            }
        }
        if (subquestions.isEmpty()) {
            return new Problem(id, question, gold == null || gold.isEmpty() ? null : gold, List.of(), plain);
        }
        return new Problem(id, question, gold == null || gold.isEmpty() ? null : gold, subquestions, steps);
    }
}
