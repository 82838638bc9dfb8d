package io.divconq.containers;

import static org.awaitility.Awaitility.await;

import io.divconq.avro.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Suite 2: brokers die under load (SIGKILL), the partition leader of `solutions` among them; nothing is lost or doubled. */
@ExtendWith(DockerAvailable.class)
class BrokerFailureTest {

    private static final Logger log = LoggerFactory.getLogger(BrokerFailureTest.class);

    @Test
    void killingABrokerAndThenTheLeaderOfSolutionsLosesAndDuplicatesNothing() throws Exception {
        try (Stack stack = new Stack(200)) {
            stack.startStreams(Images.DIVCONQ, "decomposer", "solver", "scorer");
            List<Problem> problems = stack.gsm8k(500);
            String solutions = stack.context().topics().solutions().name();
            List<String> pipelineTopics = List.of(stack.context().topics().problems().name(),
                    stack.context().topics().decompositions().name(), solutions, stack.context().topics().scores().name());
            try (Stack.Feeder feeder = stack.feed(problems, 10, Duration.ofMillis(400))) {
                await().atMost(Duration.ofMinutes(2)).until(() -> feeder.sent() >= 100);
                log.info("SIGKILL broker 1 after {} problems sent", feeder.sent());
                stack.kafka.kill(1);
                await().atMost(Duration.ofMinutes(2)).until(() -> feeder.sent() >= 200);
                stack.kafka.restart(1, pipelineTopics);
                int leader = stack.kafka.leaderOf(solutions, 0);
                log.info("broker 1 back in sync; SIGKILL broker {} (leader of {}-0) after {} problems sent", leader, solutions, feeder.sent());
                stack.kafka.kill(leader);
                feeder.awaitSent(Duration.ofMinutes(4));
            }
            stack.assertEachScoredExactlyOnce(problems, Duration.ofMinutes(8), Duration.ofSeconds(10));
        }
    }
}
