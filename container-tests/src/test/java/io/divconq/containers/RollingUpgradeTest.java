package io.divconq.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.divconq.avro.Problem;
import io.divconq.registry.RegisteredSchema;
import io.divconq.registry.SchemaRegistryClient;
import io.divconq.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suite 4: the next release, whose Solution schema gains an optional field, replaces the running containers one at
 * a time under load; the registry takes the compatible change and refuses an incompatible one.
 */
@ExtendWith(DockerAvailable.class)
class RollingUpgradeTest {

    private static final Logger log = LoggerFactory.getLogger(RollingUpgradeTest.class);

    @Test
    void aBackwardCompatibleSchemaChangeRollsThroughWithoutLossAndAnIncompatibleOneIsRefused() throws Exception {
        try (Stack stack = new Stack(200)) {
            List<String> containers = List.of("decomposer", "solver-1", "solver-2", "scorer");
            stack.startStreams(Images.DIVCONQ, containers.toArray(String[]::new));
            List<Problem> problems = stack.gsm8k(500);
            String subject = stack.context().topics().solutions().name() + "-value";
            SchemaRegistryClient registry = stack.context().registry();
            try (Stack.Feeder feeder = stack.feed(problems, 10, Duration.ofMillis(500))) {
                await().atMost(Duration.ofMinutes(2)).until(() -> feeder.sent() >= 60);
                for (String name : containers) {
                    log.info("upgrading {} after {} problems sent", name, feeder.sent());
                    stack.stopGracefully(name);
                    stack.startStreams(Images.DIVCONQ_NEXT, name);
                }
                feeder.awaitSent(Duration.ofMinutes(4));
            }
            stack.assertEachScoredExactlyOnce(problems, Duration.ofMinutes(8), Duration.ofSeconds(5));

            RegisteredSchema latest = registry.latest(subject).orElseThrow();
            assertThat(latest.version()).as("the old and the new Solution schema").isEqualTo(2);
            assertThat(latest.schema().getField("reviewNote")).as("the new optional field").isNotNull();

            // A new required field: records written before it could not be read with it.
            Schema incompatible = new Schema.Parser().parse(latest.schema().toString()
                    .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"reviewer\",\"type\":\"string\"},"));
            assertThatThrownBy(() -> registry.register(subject, incompatible))
                    .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("incompatible");
            assertThat(registry.latest(subject).orElseThrow().version()).as("nothing registered").isEqualTo(2);
        }
    }
}
