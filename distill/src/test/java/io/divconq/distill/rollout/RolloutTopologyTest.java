package io.divconq.distill.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.avro.GuardrailEvent;
import io.divconq.common.config.ConfigLoader;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.distill.testing.Drivers;
import io.divconq.distill.testing.ScoredExperiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutTopologyTest {

    private final TopicCatalog topics = TestTopics.fresh();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ExperimentResult> results;
    private TestInputTopic<String, ExperimentControl> controlIn;
    private TestOutputTopic<String, ExperimentControl> controlOut;
    private final ScoredExperiment scorer = new ScoredExperiment();

    @BeforeEach
    void start() {
        DivconqConfig config = ConfigLoader.defaults().mergeYaml("""
                experiment:
                  arms:
                    - {name: teacher, weight: 99, model: sim-teacher}
                    - {name: student, weight: 0, model: sim-student, rollout: {steps: [0.01, 0.05, 0.25, 0.5], minResults: 100}}
                """).build();
        driver = Drivers.distill(topics, config.experiment());
        results = TestTopics.input(driver, topics.experimentResults());
        controlIn = TestTopics.input(driver, topics.experimentControl());
        controlOut = TestTopics.output(driver, topics.experimentControl());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void favourableVerdictsMoveTheStudentToFiftyPercentOneStepAtATimeThroughExperimentControl() {
        List<ExperimentControl> decisions = new ArrayList<>();
        for (long t = 0; t <= 500; t += 50) {
            results.pipeInput("teacher-vs-student", scorer.favourable(), t);
            List<ExperimentControl> sent = controlOut.readValuesToList();
            sent.forEach(scorer::accept);
            decisions.addAll(sent);
            scorer.scored(50);
        }

        assertThat(decisions).extracting(ExperimentControl::getSource).containsOnly("rollout");
        assertThat(decisions).extracting(ExperimentControl::getExperiment).containsOnly("teacher-vs-student");
        // Weights against the teacher's 99: 1% → 1, 5% → 5.21, 25% → 33, 50% → 99.
        assertThat(decisions).extracting(d -> d.getWeights().get("student")).satisfiesExactly(
                w -> assertThat(w).isCloseTo(1.0, Offset.offset(1e-9)),
                w -> assertThat(w).isCloseTo(99 * 0.05 / 0.95, Offset.offset(1e-9)),
                w -> assertThat(w).isCloseTo(33.0, Offset.offset(1e-9)),
                w -> assertThat(w).isCloseTo(99.0, Offset.offset(1e-9)));
        assertThat(decisions.get(1).getReason())
                .startsWith("step 1→2 (1.000% → 5.000%) after 100 results at weight version 1+ and 0 s at this step: accuracy EQUIVALENT");
        assertThat(decisions).extracting(ExperimentControl::getAtMs).containsExactly(0L, 100L, 200L, 300L);
    }

    @Test
    void resultsStillInFlightFromTheStepBeforeDoNotMoveTheNextStep() {
        results.pipeInput("teacher-vs-student", scorer.favourable(), 0);
        controlOut.readValuesToList().forEach(scorer::accept);
        scorer.scored(100);
        results.pipeInput("teacher-vs-student", scorer.favourable(), 10);
        List<ExperimentControl> toFive = controlOut.readValuesToList();
        assertThat(toFive).extracting(d -> d.getWeights().get("student")).containsExactly(99 * 0.05 / 0.95);
        toFive.forEach(scorer::accept);

        for (long t = 20; t <= 60; t += 10) {
            scorer.scoredAt(1, 500);
            results.pipeInput("teacher-vs-student", scorer.favourable(), t);
        }
        assertThat(controlOut.readValuesToList()).isEmpty();
        scorer.scored(100);
        results.pipeInput("teacher-vs-student", scorer.favourable(), 70);
        assertThat(controlOut.readValuesToList()).extracting(ExperimentControl::getReason).singleElement().asString()
                .startsWith("step 2→3 (5.000% → 25.00%) after 100 results at weight version 2+ and 0 s at this step: ");
    }

    @Test
    void noDecisionWithoutEvidenceAndAGuardrailRollsBackToZero() {
        results.pipeInput("teacher-vs-student", scorer.result("NO_DIFFERENCE_YET", "BETTER", List.of()), 0);
        controlOut.readValuesToList().forEach(scorer::accept);
        for (long t = 100; t <= 400; t += 100) {
            scorer.scored(100);
            results.pipeInput("teacher-vs-student", scorer.result("NO_DIFFERENCE_YET", "BETTER", List.of()), t);
        }
        assertThat(controlOut.readValuesToList()).isEmpty();

        GuardrailEvent fired = new GuardrailEvent("student", "dead_letter_rate", "30% dead-lettered", 450L, null, null);
        results.pipeInput("teacher-vs-student", scorer.result("EQUIVALENT", "BETTER", List.of(fired)), 450);
        results.pipeInput("teacher-vs-student", scorer.result("BETTER", "BETTER", List.of(fired)), 900);
        List<ExperimentControl> after = controlOut.readValuesToList();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).getWeights()).isEqualTo(Map.of("student", 0.0));
        assertThat(after.get(0).getReason()).isEqualTo("rolled back to 0%: guardrail dead_letter_rate fired (30% dead-lettered)");
    }

    @Test
    void pausedRolloutsHoldAndAnAbortSetsZero() {
        results.pipeInput("teacher-vs-student", scorer.favourable(), 0);
        controlIn.pipeInput("teacher-vs-student", command(RolloutCommand.PAUSE, "looking at answers"), 10);
        controlOut.readValuesToList().forEach(scorer::accept);
        scorer.scored(300);
        results.pipeInput("teacher-vs-student", scorer.favourable(), 300);
        controlIn.pipeInput("teacher-vs-student", command(RolloutCommand.ABORT, "wrong answers reported"), 400);

        List<ExperimentControl> decisions = controlOut.readValuesToList();
        assertThat(decisions).extracting(d -> d.getWeights().get("student")).containsExactly(0.0);
        assertThat(decisions.get(0).getReason()).isEqualTo("aborted, back to 0%: wrong answers reported");
    }

    private static ExperimentControl command(RolloutCommand c, String reason) {
        return ExperimentControl.newBuilder().setExperiment("teacher-vs-student").setWeights(Map.of()).setReason(reason)
                .setSource(c.source("student")).setAtMs(0).build();
    }
}
