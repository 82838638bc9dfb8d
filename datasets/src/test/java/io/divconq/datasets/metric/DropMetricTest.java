package io.divconq.datasets.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.datasets.input.DropFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DROP metric against the official evaluator's own test cases (drop-eval-official-cases.json) and divconq's
 * cases for number formats, dates and multi-span answers (drop-own-cases.json).
 */
class DropMetricTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DropMetric METRIC = new DropMetric();

    static JsonNode cases(String file) {
        try (InputStream in = DropMetricTest.class.getResourceAsStream(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> officialNormalizeSame() {
        List<Arguments> out = new ArrayList<>();
        cases("drop-eval-official-cases.json").get("normalizeSame").forEach(p -> out.add(Arguments.of(p.get(0).asText(), p.get(1).asText())));
        return out.stream();
    }

    static Stream<Arguments> normalize() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("drop-eval-official-cases.json", "drop-own-cases.json")) {
            cases(file).get("normalize").forEach(c -> out.add(Arguments.of(c.get("text").asText(), c.get("normalized").asText())));
        }
        return out.stream();
    }

    static Stream<Arguments> officialMetrics() {
        List<Arguments> out = new ArrayList<>();
        cases("drop-eval-official-cases.json").get("metrics").forEach(c -> out.add(Arguments.of(c.get("case").asText(),
                spans(c.get("predicted")), spans(c.get("gold")), c.get("em").asDouble(), c.get("f1").asDouble())));
        return out.stream();
    }

    static Stream<Arguments> questions() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("drop-eval-official-cases.json", "drop-own-cases.json")) {
            cases(file).get("questions").forEach(c -> out.add(Arguments.of(c.get("case").asText(), c)));
        }
        return out.stream();
    }

    /** A string is one span (as in get_metrics); a list is the spans. */
    private static List<String> spans(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(s -> out.add(s.asText()));
        else out.add(n.asText());
        return out;
    }

    @ParameterizedTest(name = "normalize({0}) == normalize({1})")
    @MethodSource("officialNormalizeSame")
    void officialEquivalentNormalisations(String a, String b) {
        assertThat(DropNormalizer.normalize(a)).isEqualTo(DropNormalizer.normalize(b));
    }

    @ParameterizedTest(name = "normalize({0}) = {1}")
    @MethodSource("normalize")
    void normalisation(String text, String normalized) {
        assertThat(DropNormalizer.normalize(text)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialMetrics")
    void officialGetMetrics(String name, List<String> predicted, List<String> gold, double em, double f1) {
        assertThat(DropMetric.emAndF1(predicted, gold)).containsExactly(em, f1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questions")
    void questionScoredAsTheOfficialEvaluatorDoes(String name, JsonNode c) {
        assertThat(judge(c)).isEqualTo(new Judgement(java.util.Map.of("em", c.get("em").asDouble(), "f1", c.get("f1").asDouble())));
    }

    @Test
    void officialRunMeanOverQuestions() {
        for (JsonNode run : cases("drop-eval-official-cases.json").get("runs")) {
            double em = 0;
            double f1 = 0;
            for (JsonNode q : run.get("questions")) {
                Judgement j = judge(q);
                em += j.get("em");
                f1 += j.get("f1");
            }
            int n = run.get("questions").size();
            assertThat(new double[] {em / n, f1 / n}).containsExactly(run.get("em").asDouble(), run.get("f1").asDouble());
        }
    }

    @Test
    void everyOfficialCaseIsRun() {
        JsonNode official = cases("drop-eval-official-cases.json");
        int count = official.get("normalizeSame").size() + official.get("normalize").size() + official.get("metrics").size()
                + official.get("questions").size() + official.get("runs").size();
        assertThat(count).isEqualTo(51);
    }

    /** A question: its answer objects through the DROP input adapter; a missing prediction scores 0. */
    private static Judgement judge(JsonNode c) {
        List<List<String>> gold = new ArrayList<>();
        c.get("answers").forEach(a -> gold.add(DropFormat.answer(a)));
        if (c.has("predictedSpans")) return METRIC.judge(spans(c.get("predictedSpans")), gold);
        if (c.get("prediction").isNull()) return new Judgement(java.util.Map.of("em", 0.0, "f1", 0.0));
        return METRIC.judge(List.of(c.get("prediction").asText()), gold);
    }
}
