package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so `docker compose config` cannot; this checks what it can without one: the file
 * parses, has the services a user expects, and every divconq command in it is one the launcher accepts.
 */
class DockerComposeTest {

    @Test
    void composeFileStartsKafkaARegistryTheSimulatorAndTheThreeStreamsWithValidCommands() throws Exception {
        Path file = Files.exists(Path.of("../docker-compose.yml")) ? Path.of("../docker-compose.yml") : Path.of("docker-compose.yml");
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        JsonNode services = compose.get("services");
        assertThat(services.fieldNames()).toIterable()
                .contains("kafka", "schema-registry", "simulator", "decomposer", "solver", "scorer");
        assertThat(services.get("kafka").get("image").asText()).startsWith("apache/kafka");
        for (String name : List.of("simulator", "decomposer", "solver", "scorer", "produce")) {
            List<String> args = new ArrayList<>();
            services.get(name).get("command").forEach(a -> args.add(a.asText()));
            CommandLine cli = new CommandLine(new Divconq());
            assertThat(cli.parseArgs(args.toArray(String[]::new)).hasSubcommand()).as(name).isTrue();
        }
    }
}
