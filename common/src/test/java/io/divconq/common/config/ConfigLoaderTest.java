package io.divconq.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.divconq.avro.SolverMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void defaultsDescribeATeacherAndAStudentArmOverOneSolver() {
        DivconqConfig c = ConfigLoader.defaults().build();
        assertThat(c.experiment().arms()).extracting(ArmConfig::name).containsExactly("teacher", "student");
        assertThat(c.experiment().control()).isEqualTo("teacher");
        assertThat(c.experiment().arms()).allMatch(a -> a.solverMode() == SolverMode.STATIC);
        assertThat(c.solver().model()).isEqualTo("sim-solver");
        assertThat(c.endpoint("default").maxInFlight()).isEqualTo(64);
        assertThat(c.prices().costUsd("sim-teacher", 1000, 1000)).isEqualTo(0.003);
        assertThat(c.prices().costUsd("sim-student", 1000, 1000)).isCloseTo(0.0006, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.prices().costUsd("some-unlisted-model", 1000, 0)).isEqualTo(0.001);
    }

    @Test
    void fileMergesOverDefaultsAndFlagsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                experiment:
                  name: ramp
                  control: teacher
                  arms:
                    - {name: teacher, weight: 90, model: gpt-big}
                    - {name: student, weight: 10, model: tiny, solverMode: sequential}
                    - {name: baseline, weight: 0, solverMode: direct}
                endpoints:
                  default: {url: http://remote/v1, maxInFlight: 8}
                """);
        DivconqConfig c = ConfigLoader.defaults().mergeFile(file)
                .applyEnvironment(Map.of("DIVCONQ_LLM_URL", "http://localhost:11434/v1"))
                .solverModel("llama3.1:70b").armModel("student", "llama3.2:1b").build();
        assertThat(c.experiment().name()).isEqualTo("ramp");
        assertThat(c.experiment().arms()).extracting(ArmConfig::model).containsExactly("gpt-big", "llama3.2:1b", null);
        assertThat(c.experiment().arm("student").orElseThrow().solverMode()).isEqualTo(SolverMode.SEQUENTIAL);
        assertThat(c.endpoint("default").url()).isEqualTo("http://localhost:11434/v1");
        assertThat(c.endpoint("default").maxInFlight()).isEqualTo(8);
        assertThat(c.endpoint("default").timeoutMs()).isEqualTo(60000); // kept from the defaults
        assertThat(c.solver().model()).isEqualTo("llama3.1:70b");
    }

    @Test
    void mistakesAreReportedClearly() {
        assertThatThrownBy(() -> ConfigLoader.defaults().mergeYaml("experiment: {control: nobody}").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("control 'nobody' is not an arm");
        assertThatThrownBy(() -> ConfigLoader.defaults().mergeYaml("solver: {endpoint: elsewhere}").build())
                .hasMessageContaining("endpoint 'elsewhere'");
        assertThatThrownBy(() -> ConfigLoader.defaults().mergeYaml("solver: {modle: x}").build())
                .hasMessageContaining("modle");
        assertThatThrownBy(() -> ConfigLoader.defaults().armModel("nobody", "x"))
                .hasMessageContaining("no arm named 'nobody'");
    }
}
