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
    void containersConfigureModelsEndpointsRegistryAndReplicationByEnvironment() {
        DivconqConfig c = ConfigLoader.defaults().applyEnvironment(Map.of(
                "DIVCONQ_ENDPOINT_URLS", "default=http://ollama:11434/v1",
                "DIVCONQ_SOLVER_MODEL", "llama3.1:8b",
                "DIVCONQ_ARM_MODELS", "teacher=llama3.1:70b, student=llama3.2:1b",
                "DIVCONQ_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "DIVCONQ_REPLICATION_FACTOR", "3")).build();
        assertThat(c.endpoint("default").url()).isEqualTo("http://ollama:11434/v1");
        assertThat(c.solver().model()).isEqualTo("llama3.1:8b");
        assertThat(c.experiment().arms()).extracting(ArmConfig::model).containsExactly("llama3.1:70b", "llama3.2:1b");
        assertThat(c.schemaRegistry().url()).isEqualTo("http://registry:8081");
        assertThat(c.topics().replicationFactor()).isEqualTo((short) 3);

        assertThatThrownBy(() -> ConfigLoader.defaults().applyEnvironment(Map.of("DIVCONQ_ARM_MODELS", "teacher")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DIVCONQ_ARM_MODELS must be NAME=VALUE pairs");
        assertThatThrownBy(() -> ConfigLoader.defaults().applyEnvironment(Map.of("DIVCONQ_ENDPOINT_URLS", "big=http://x/v1")))
                .hasMessageContaining("no endpoint named 'big'");
        assertThatThrownBy(() -> ConfigLoader.defaults().applyEnvironment(Map.of("DIVCONQ_REPLICATION_FACTOR", "three")))
                .hasMessageContaining("DIVCONQ_REPLICATION_FACTOR must be a number");
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
        assertThatThrownBy(() -> ConfigLoader.defaults().mergeYaml("gateway: {resultsRetentionMs: 3600000}").build())
                .hasMessage("invalid configuration: gateway.resultsRetentionMs (3600000) must be 0 (forever) or >= streams.dedupWindowMs (604800000)");
    }

    @Test
    void gatewayAnswersAreKeptAsLongAsProblemIdsAreDeduplicatedUnlessToldOtherwise() {
        assertThat(ConfigLoader.defaults().build().gateway().resultsRetentionMs()).isEqualTo(604_800_000L);
        assertThat(ConfigLoader.defaults().mergeYaml("gateway: {resultsRetentionMs: 0}").build().gateway().resultsRetentionMs()).isZero();
    }
}
