package io.divconq.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A SIMULATED student decomposer fine-tuned on an exported training file. It reads the file (how many usable
 * examples, and whether it is SD-T or SD-R, from the manifest beside it or the file name) and follows the paper's
 * shape for the gain on GSM8K with a GPT-3.5 solver: untrained 62.93 → SD-T 67.02 → SD-R 67.78 end to end
 * (Wu et al. 2024, Table 1), reaching the full gain as examples grow (1 − e^(−n/500), an assumption of ours, not
 * the paper's). The end-to-end accuracy becomes the decomposer's share of good decompositions for the given
 * solver. No training happens: this only lets the distillation loop run end to end on this machine.
 */
public record TrainedStudent(Kind kind, int examples, double endToEndAccuracy, ModelProfile profile) {

    /** Paper Table 1, GSM8K exact match, Vicuna-13B decomposer → GPT-3.5 solver. */
    public static final double UNTRAINED = 0.6293;
    public static final double SD_T = 0.6702;
    public static final double SD_R = 0.6778;
    /** Examples at which the simulated gain reaches 1 − 1/e of the paper's. */
    static final double EXAMPLES_SCALE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which training data the student saw. */
    public enum Kind {
        SDT(SD_T), SDR(SD_R);

        final double trainedAccuracy;

        Kind(double trainedAccuracy) {
            this.trainedAccuracy = trainedAccuracy;
        }
    }

    /** The student trained on {@code file}, decomposing for a solver with profile {@code solver}, from {@code base}. */
    public static TrainedStudent of(Path file, ModelProfile base, ModelProfile solver) {
        Kind kind = kindOf(file);
        int n = usableExamples(file);
        if (n == 0) throw new IllegalArgumentException("training file " + file + " has no usable example");
        double accuracy = UNTRAINED + (kind.trainedAccuracy - UNTRAINED) * (1 - Math.exp(-n / EXAMPLES_SCALE));
        double good = solver.accuracyGoodDecomposition();
        double poor = solver.accuracyPoorDecomposition();
        if (good <= poor) throw new IllegalArgumentException("the solver profile must answer better with good decompositions");
        double quality = Math.max(0, Math.min(1, (accuracy - poor) / (good - poor)));
        // A fine-tuned student answers in the trained format: no malformed or "No decomposition" surprises.
        return new TrainedStudent(kind, n, accuracy, base.withReplyRates(quality, 0.0, 0.0));
    }

    /** SD-T or SD-R: from manifest.json beside the file when it lists the file, else from the file name. */
    static Kind kindOf(Path file) {
        String name = file.getFileName().toString();
        Path manifest = file.toAbsolutePath().getParent().resolve("manifest.json");
        if (Files.isReadable(manifest)) {
            try {
                JsonNode files = JSON.readTree(manifest.toFile()).path("files");
                if (!files.has(name)) throw new IllegalArgumentException("manifest " + manifest + " does not list " + name);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifest, e);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sdr")) return Kind.SDR;
        if (lower.startsWith("sdt")) return Kind.SDT;
        throw new IllegalArgumentException("cannot tell whether " + file + " is SD-T or SD-R (name it sdt*.jsonl or sdr*.jsonl)");
    }

    /** Lines that are a chat example (messages or conversations) ending with the decomposition to learn. */
    static int usableExamples(Path file) {
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode turns = JSON.readTree(line).path(line.contains("\"messages\"") ? "messages" : "conversations");
                if (!turns.isArray() || turns.isEmpty()) continue;
                JsonNode last = turns.get(turns.size() - 1);
                String role = last.path("role").asText(last.path("from").asText());
                String text = last.path("content").asText(last.path("value").asText());
                if (List.of("assistant", "gpt").contains(role) && !text.isBlank()) n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training file " + file, e);
        }
    }
}
