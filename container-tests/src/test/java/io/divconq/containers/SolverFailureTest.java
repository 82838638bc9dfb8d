package io.divconq.containers;

import static org.awaitility.Awaitility.await;

import io.divconq.avro.Problem;
import io.divconq.common.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Suite 3: of three solver instances under load, one is SIGKILLed and one frozen past the session timeout. */
@ExtendWith(DockerAvailable.class)
class SolverFailureTest {

    private static final Logger log = LoggerFactory.getLogger(SolverFailureTest.class);

    @Test
    void aKilledAndAPausedSolverLoseAndDuplicateNothing() throws Exception {
        Duration sessionTimeout = Duration.ofMillis(ConfigLoader.defaults().build().streams().sessionTimeoutMs());
        try (Stack stack = new Stack(300)) {
            stack.startStreams(Images.DIVCONQ, "decomposer", "solver-1", "solver-2", "solver-3", "scorer");
            List<Problem> problems = stack.gsm8k(500);
            try (Stack.Feeder feeder = stack.feed(problems, 10, Duration.ofMillis(300))) {
                await().atMost(Duration.ofMinutes(2)).until(() -> feeder.sent() >= 100);
                log.info("SIGKILL solver-1 after {} problems sent", feeder.sent());
                stack.kill("solver-1");
                await().atMost(Duration.ofMinutes(2)).until(() -> feeder.sent() >= 200);
                Duration frozen = sessionTimeout.plusSeconds(10);
                log.info("pausing solver-2 for {} (session timeout {}) after {} problems sent", frozen, sessionTimeout, feeder.sent());
                stack.pause("solver-2");
                // The group evicts the frozen member after the session timeout; solver-3 takes its partitions.
                await().pollDelay(frozen).atMost(frozen.plusSeconds(5)).until(() -> true);
                stack.unpause("solver-2");
                log.info("solver-2 resumed; it rejoins the group, its old transaction fenced");
                feeder.awaitSent(Duration.ofMinutes(4));
            }
            stack.assertEachScoredExactlyOnce(problems, Duration.ofMinutes(8), Duration.ofSeconds(10));
        }
    }
}
