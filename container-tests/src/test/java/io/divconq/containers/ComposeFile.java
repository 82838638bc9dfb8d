package io.divconq.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The broker settings of docker-compose.yml (its {@code x-kafka} environment: replication, min.insync, transaction
 * log), so the suites run the cluster users run. Only addresses differ: the suites use host networking on 127.0.0.1.
 */
final class ComposeFile {

    private ComposeFile() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> kafkaEnvironment() {
        Path file = Path.of("../docker-compose.yml");
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(file));
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) compose.get("x-kafka")).get("environment");
            Map<String, String> out = new LinkedHashMap<>();
            env.forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
