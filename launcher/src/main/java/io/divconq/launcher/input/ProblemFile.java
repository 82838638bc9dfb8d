package io.divconq.launcher.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.divconq.avro.Problem;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads problems from JSON lines. GSM8K lines ({"question","answer"} with the gold after "####") work as they are;
 * optional fields: id, dataset, gold (string or list), context, attributes (object of strings).
 * Lines that cannot be read (bad JSON, no question, not valid UTF-8) are reported as {@code file:line: reason} and
 * skipped, never silently dropped; the other lines are read all the same.
 */
public final class ProblemFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemFile() {
    }

    /** The problems read, and the lines that could not be, with why. */
    public record Loaded(List<Problem> problems, List<String> rejected) {
    }

    /** Reads up to limit problems (0 = all); createdAtMs is left 0 for the producer to stamp. */
    public static Loaded read(Path file, int limit) throws IOException {
        String stem = file.getFileName().toString().replaceFirst("\\.jsonl?$", "");
        String defaultDataset = file.toString().toLowerCase(Locale.ROOT).contains("gsm8k") ? "gsm8k" : "custom";
        List<Problem> problems = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream raw = Files.newInputStream(file)) {
            LineReader in = new LineReader(raw);
            byte[] bytes;
            int number = 0;
            while ((bytes = in.next()) != null && (limit <= 0 || problems.size() < limit)) {
                number++;
                String line;
                try {
                    line = utf8.decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    rejected.add(file.getFileName() + ":" + number + ": not valid UTF-8 (" + e.getMessage() + ")");
                    continue;
                }
                if (line.isBlank()) continue;
                try {
                    problems.add(parse(JSON.readTree(line), stem + "-" + number, defaultDataset, 0L));
                } catch (IOException | IllegalArgumentException e) {
                    rejected.add(file.getFileName() + ":" + number + ": " + e.getMessage());
                }
            }
        }
        return new Loaded(problems, rejected);
    }

    /** Splits a stream into lines of raw bytes (\n or \r\n), so each line is decoded, and judged, on its own. */
    private static final class LineReader {
        private final InputStream in;

        LineReader(InputStream in) {
            this.in = new java.io.BufferedInputStream(in, 1 << 16);
        }

        byte[] next() throws IOException {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
            int b;
            boolean any = false;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') break;
                line.write(b);
            }
            if (!any) return null;
            byte[] out = line.toByteArray();
            return out.length > 0 && out[out.length - 1] == '\r' ? java.util.Arrays.copyOf(out, out.length - 1) : out;
        }
    }

    static Problem parse(JsonNode n, String defaultId, String defaultDataset, long createdAtMs) {
        String question = text(n, "question");
        if (question == null || question.isBlank()) throw new IllegalArgumentException("no \"question\"");
        List<String> gold = new ArrayList<>();
        JsonNode g = n.get("gold");
        if (g != null && g.isArray()) g.forEach(x -> gold.add(x.asText()));
        else if (g != null && !g.isNull()) gold.add(g.asText());
        else if (text(n, "answer") != null) gold.add(goldOf(text(n, "answer")));
        Map<String, String> attributes = new HashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && a.isObject()) a.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return Problem.newBuilder()
                .setId(text(n, "id") != null ? text(n, "id") : defaultId)
                .setDataset(text(n, "dataset") != null ? text(n, "dataset") : defaultDataset)
                .setQuestion(question)
                .setContext(text(n, "context"))
                .setGoldAnswers(gold)
                .setCreatedAtMs(createdAtMs)
                .setAttributes(attributes)
                .build();
    }

    /** GSM8K: the gold is what follows the last "####"; other answers are taken whole. */
    static String goldOf(String answer) {
        int i = answer.lastIndexOf("####");
        return (i >= 0 ? answer.substring(i + 4) : answer).strip();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
