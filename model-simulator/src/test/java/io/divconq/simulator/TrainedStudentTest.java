package io.divconq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedStudentTest {

    private static final String MESSAGE = "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"},"
            + "{\"role\":\"assistant\",\"content\":\"1. How many?\"}]}";
    private static final String SHAREGPT = "{\"id\":\"p\",\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},{\"from\":\"gpt\",\"value\":\"No decomposition\"}]}";

    @TempDir
    Path dir;

    private final SimulatorConfig defaults = SimulatorConfig.defaults();
    private final ModelProfile solver = defaults.profileFor(SimulatorConfig.SOLVER);
    private final ModelProfile student = defaults.profileFor(SimulatorConfig.STUDENT);

    @Test
    void sdrAndSdtFilesGiveThePapersGainScaledByTheExamplesRead() throws IOException {
        TrainedStudent sdr = TrainedStudent.of(file("sdr.jsonl", 5000, MESSAGE), student, solver);
        TrainedStudent sdt = TrainedStudent.of(file("sdt.jsonl", 5000, SHAREGPT), student, solver);
        TrainedStudent small = TrainedStudent.of(file("sdr-small.jsonl", 500, MESSAGE), student, solver);

        assertThat(sdr.kind()).isEqualTo(TrainedStudent.Kind.SDR);
        assertThat(sdr.examples()).isEqualTo(5000);
        assertThat(sdr.endToEndAccuracy()).isCloseTo(0.6778, offset(0.0001));
        assertThat(sdt.kind()).isEqualTo(TrainedStudent.Kind.SDT);
        assertThat(sdt.endToEndAccuracy()).isCloseTo(0.6702, offset(0.0001));
        assertThat(small.endToEndAccuracy()).isCloseTo(0.6293 + (0.6778 - 0.6293) * (1 - Math.exp(-1)), offset(1e-9));
        // With the solver's 70% after good and 40% after poor decompositions: q = (acc − 0.40) / 0.30.
        assertThat(sdr.profile().decompositionQuality()).isCloseTo((sdr.endToEndAccuracy() - 0.40) / 0.30, offset(1e-12));
        assertThat(sdr.profile().malformedRate()).isZero();
        assertThat(sdr.profile().latencyMedianMs()).isEqualTo(student.latencyMedianMs());
    }

    @Test
    void linesWithoutAnAssistantTargetAreNotCounted() throws IOException {
        Path f = dir.resolve("sdr.jsonl");
        Files.write(f, List.of(MESSAGE, "", "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}", SHAREGPT));
        assertThat(TrainedStudent.of(f, student, solver).examples()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNeitherSdtNorSdrOrEmptyIsRefusedClearly() throws IOException {
        assertThatThrownBy(() -> TrainedStudent.of(file("train.jsonl", 3, MESSAGE), student, solver))
                .hasMessageContaining("cannot tell whether").hasMessageContaining("SD-T or SD-R");
        assertThatThrownBy(() -> TrainedStudent.of(file("sdr.jsonl", 0, MESSAGE), student, solver)).hasMessageContaining("no usable example");
        Files.writeString(dir.resolve("manifest.json"), "{\"files\": {\"sdt.jsonl\": {}}}");
        assertThatThrownBy(() -> TrainedStudent.of(dir.resolve("sdr.jsonl"), student, solver)).hasMessageContaining("does not list sdr.jsonl");
    }

    @Test
    void aSimulatorConfigNamesStudentsByTheFileTheyWereTrainedOn() throws IOException {
        Path f = file("sdr.jsonl", 5000, MESSAGE);
        SimulatorConfig config = SimulatorConfig.fromYaml("students:\n  sim-student-sdr: {trainedOn: " + f + "}\n");
        assertThat(config.profileFor("sim-student-sdr").decompositionQuality()).isCloseTo((0.6778 - 0.40) / 0.30, offset(0.0001));
        assertThatThrownBy(() -> SimulatorConfig.fromYaml("students:\n  x: {}\n")).hasMessageContaining("needs trainedOn");
    }

    private Path file(String name, int lines, String line) throws IOException {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < lines; i++) all.add(line);
        return Files.write(dir.resolve(name), all);
    }
}
