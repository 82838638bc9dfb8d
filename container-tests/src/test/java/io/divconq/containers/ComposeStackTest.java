package io.divconq.containers;

import io.divconq.avro.Problem;
import io.divconq.launcher.input.ProblemProducer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Suite 1: the compose stack (three brokers, registry, simulator, one container per stream) answers GSM8K. */
@ExtendWith(DockerAvailable.class)
class ComposeStackTest {

    @Test
    void fiveHundredGsm8kProblemsAreEachScoredExactlyOnce() throws Exception {
        try (Stack stack = new Stack(100)) {
            stack.startStreams(Images.DIVCONQ, "decomposer", "solver", "scorer");
            List<Problem> problems = stack.gsm8k(500);
            ProblemProducer.send(stack.context(), problems);
            stack.assertEachScoredExactlyOnce(problems, Duration.ofMinutes(8), Duration.ofSeconds(5));
        }
    }
}
