package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What can be checked of docker-compose.yml without a Docker engine (the container suites bring the stack up):
 * the services a user expects, the replication settings, and that every divconq command in it is one the launcher
 * accepts.
 */
class DockerComposeTest {

    private static JsonNode services() throws Exception {
        Path file = Files.exists(Path.of("../docker-compose.yml")) ? Path.of("../docker-compose.yml") : Path.of("docker-compose.yml");
        // SnakeYAML resolves the file's `<<: *anchor` merge keys as Compose does (Jackson's YAML reader does not).
        Object compose = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
        return new ObjectMapper().valueToTree(compose).get("services");
    }

    @Test
    void threeBrokersReplicateEverythingThreeTimesAndAcknowledgeOnTwo() throws Exception {
        JsonNode services = services();
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka-1", "kafka-2", "kafka-3", "schema-registry", "simulator", "decomposer", "solver", "scorer");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode env = services.get(broker).get("environment");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(2);
        }
        assertThat(services.get("solver").get("environment").get("DIVCONQ_REPLICATION_FACTOR").asInt()).isEqualTo(3);
    }

    @Test
    void everyDivconqCommandInTheComposeFileIsOneTheLauncherAccepts() throws Exception {
        JsonNode services = services();
        for (String name : List.of("schema-registry", "simulator", "decomposer", "solver", "scorer", "gateway", "produce")) {
            List<String> args = new ArrayList<>();
            services.get(name).get("command").forEach(a -> args.add(a.asText()));
            CommandLine cli = new CommandLine(new Divconq());
            assertThat(cli.parseArgs(args.toArray(String[]::new)).hasSubcommand()).as(name).isTrue();
        }
    }
}
