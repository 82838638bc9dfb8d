package io.divconq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.datasets.AnswerFormat;
import io.divconq.datasets.DatasetFile;
import io.divconq.datasets.DatasetItem;
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
 * The problems the simulator knows, looked up by question text (and passage, for DROP) after whitespace
 * normalisation. Loaded from GSM8K-style JSON lines ({@code {"question", "answer", "id"?}}, gold after {@code ####};
 * socratic answer lines {@code subquestion ** worked step}), from any dataset file divconq reads (DROP, Bamboogle:
 * the gold is the first answer, its spans joined by "; ") and/or added programmatically; entries for the same
 * question are merged.
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
        if (!gsm8kStyle(file)) return addDataset(file);
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

    /** Whether the file's first line has the GSM8K shape (question and worked answer) this class parses itself. */
    private static boolean gsm8kStyle(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null && line.isBlank()) {
                // skip
            }
            if (line == null) return true;
            JsonNode first = JSON.readTree(line);
            return first.hasNonNull("question") && first.hasNonNull("answer");
        } catch (IOException e) {
            return true;   // reported by the GSM8K reader
        }
    }

    /** Adds the problems of a DROP, Bamboogle or other dataset file, read by the dataset's own adapter. */
    private ProblemKnowledge addDataset(Path file) {
        DatasetFile.Loaded loaded;
        try {
            loaded = DatasetFile.read(file, null, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read problems from " + file, e);
        }
        if (!loaded.rejected().isEmpty()) throw new IllegalArgumentException(loaded.rejected().get(0));
        for (DatasetItem item : loaded.items()) {
            String gold = item.gold().isEmpty() ? null : String.join(AnswerFormat.SPAN_SEPARATOR + " ", item.gold().get(0));
            add(new Problem(item.id(), item.question(), gold == null || gold.isBlank() ? null : gold, List.of(), List.of(),
                    item.dataset(), item.context()));
        }
        LOG.info("Loaded {} {} problems from {} ({} lines skipped)", loaded.items().size(), loaded.dataset().name(), file,
                loaded.rejected().size());
        return this;
    }

    /** The lookup key: the question, and the passage when there is one (DROP repeats questions across passages). */
    static String key(String question, String context) {
        String q = Texts.normalizeWhitespace(question);
        return context == null ? q : q + "\u0000" + Texts.normalizeWhitespace(context);
    }

    /** Adds a problem, merging it with any problem of the same question; returns this. */
    public ProblemKnowledge add(Problem problem) {
        String key = key(problem.question(), problem.context());
        byQuestion.merge(key, KnownProblem.of(problem), (old, fresh) -> KnownProblem.of(merge(old.problem(), problem)));
        return this;
    }

    /** Adds a problem with its gold answer and (possibly empty) canonical subquestions with one worked step each. */
    public ProblemKnowledge add(String question, String gold, List<String> subquestions, List<String> steps) {
        return add(new Problem(null, question, gold, subquestions, steps));
    }

    public Optional<Problem> find(String question) {
        return find(question, null);
    }

    /** The problem of a question about a passage (null: a question alone). */
    public Optional<Problem> find(String question, String passage) {
        return Optional.ofNullable(byQuestion.get(key(question, passage))).map(KnownProblem::problem);
    }

    /** Distinct gold answers of a dataset's problems other than {@code gold}, sorted: plausible wrong answers. */
    List<String> otherGolds(String dataset, String gold) {
        return byQuestion.values().stream().map(KnownProblem::problem)
                .filter(p -> dataset != null && dataset.equals(p.dataset()) && p.gold() != null && !p.gold().equalsIgnoreCase(gold))
                .map(Problem::gold).distinct().sorted().toList();
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
        return lookup(question, null);
    }

    /** The known problem for a question about a passage (null: none). */
    KnownProblem lookup(String question, String passage) {
        KnownProblem known = byQuestion.get(key(question, passage));
        return known != null ? known : KnownProblem.unknown(Texts.normalizeWhitespace(question));
    }

    private static Problem merge(Problem old, Problem fresh) {
        String id = old.id() != null ? old.id() : fresh.id();
        String gold = old.gold() != null ? old.gold() : fresh.gold();
        if (old.gold() != null && fresh.gold() != null && !old.gold().equals(fresh.gold())) {
            LOG.warn("Conflicting gold answers {} and {} for one question; keeping the first", old.gold(), fresh.gold());
        }
        String dataset = old.dataset() != null ? old.dataset() : fresh.dataset();
        if (old.hasSubquestions() || !fresh.hasSubquestions() && !old.steps().isEmpty()) {
            return new Problem(id, old.question(), gold, old.subquestions(), old.steps(), dataset, old.context());
        }
        return new Problem(id, old.question(), gold, fresh.subquestions(), fresh.steps(), dataset, old.context());
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
