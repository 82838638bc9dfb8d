package io.divconq.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigTest {

    @Test
    void defaultsDescribeTeacherStudentAndSolver() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config.models()).containsOnlyKeys("sim-teacher", "sim-student", "sim-student-sdr", "sim-solver");
        ModelProfile teacher = config.profileFor("sim-teacher");
        assertThat(teacher.decompositionQuality()).isEqualTo(0.95);
        assertThat(teacher.latencyMedianMs()).isEqualTo(600);
        assertThat(config.profileFor("sim-student").decompositionQuality()).isEqualTo(0.85);
        assertThat(config.profileFor("sim-student").latencyMedianMs()).isEqualTo(150);
        ModelProfile solver = config.profileFor("sim-solver");
        assertThat(solver.accuracyGoodDecomposition()).isEqualTo(0.70);
        assertThat(solver.accuracyPoorDecomposition()).isEqualTo(0.40);
        assertThat(solver.accuracyDirect()).isEqualTo(0.30);
        assertThat(solver.latencyMedianMs()).isEqualTo(1200);
        assertThat(solver.error5xxRate()).isEqualTo(0.01);
        assertThat(solver.error429Rate()).isEqualTo(0.005);
        assertThat(solver.timeoutRate()).isZero();
        assertThat(solver.malformedRate()).isZero();
        assertThat(solver.hangMs()).isEqualTo(30_000);
        assertThat(config.requiredApiKey()).isNull();
    }

    @Test
    void unknownModelNamesGetTheDefaultProfile() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config.profileFor("gpt-4o")).isSameAs(config.defaultProfile());
    }

    @Test
    void yamlOverridesOnlyTheFieldsItNames(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sim.yaml"), String.join("\n",
                "seed: 7",
                "requiredApiKey: local-key",
                "defaultProfile:",
                "  latencyMedianMs: 100",
                "models:",
                "  sim-teacher:",
                "    decompositionQuality: 0.9",
                "  my-model: {accuracyDirect: 0.5}"));

        SimulatorConfig config = SimulatorConfig.load(file);

        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.requiredApiKey()).isEqualTo("local-key");
        assertThat(config.profileFor("sim-teacher").decompositionQuality()).isEqualTo(0.9);
        assertThat(config.profileFor("sim-teacher").latencyMedianMs()).isEqualTo(600);
        assertThat(config.profileFor("my-model").accuracyDirect()).isEqualTo(0.5);
        assertThat(config.profileFor("my-model").latencyMedianMs()).isEqualTo(100);
        assertThat(config.profileFor("anything").latencyMedianMs()).isEqualTo(100);
        assertThat(config.toString()).doesNotContain("local-key");
    }

    @Test
    void yamlTyposAndImpossibleValuesAreRejected() {
        assertThatThrownBy(() -> SimulatorConfig.fromYaml("models: {sim-teacher: {decompositionQualty: 0.9}}"))
                .hasMessageContaining("decompositionQualty");
        assertThatThrownBy(() -> SimulatorConfig.fromYaml("sed: 3")).hasMessageContaining("sed");
        assertThatThrownBy(() -> SimulatorConfig.fromYaml("models: {sim-teacher: {error5xxRate: 1.5}}"))
                .hasMessageContaining("error5xxRate");
    }

    @Test
    void benchmarkHelpersFixLatencyAndRemoveErrorsEverywhere() {
        SimulatorConfig config = SimulatorConfig.defaults().withFixedLatency(25).withoutErrors();

        for (ModelProfile p : config.models().values()) {
            assertThat(p.latencyMedianMs()).isEqualTo(25);
            assertThat(p.latencySigma()).isZero();
            assertThat(p.error5xxRate() + p.error429Rate() + p.timeoutRate()).isZero();
        }
        assertThat(config.defaultProfile().latencyMedianMs()).isEqualTo(25);
        assertThat(config.defaultProfile().error5xxRate()).isZero();
        assertThat(config.profileFor("sim-student").decompositionQuality()).isEqualTo(0.85);
    }
}
