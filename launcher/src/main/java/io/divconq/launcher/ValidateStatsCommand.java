package io.divconq.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.stats.ScenarioResult;
import io.divconq.stats.ScenarioSettings;
import io.divconq.stats.StatsValidation;
import io.divconq.stats.ValidationConfig;
import io.divconq.stats.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks the A/B statistics by simulation: A/A false positives under continuous peeking, power, SRM detection and
 * the adversarial scenarios (unequal cost tails, unusable replies, weight ramps, split bugs).
 */
@Command(name = "validate-stats", mixinStandardHelpOptions = true,
        description = "Simulate A/A and A/B experiments peeked after every result and check the always-valid statistics.")
public final class ValidateStatsCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = ValidationConfig.defaults().seed();

    @Option(names = "--experiments", description = "A/A and A/B experiments each. Default: ${DEFAULT-VALUE}.")
    int experiments = 1000;

    @Option(names = "--scenario-experiments",
            description = "Seeded experiments per adversarial scenario (0 skips them). Default: ${DEFAULT-VALUE}.")
    int scenarioExperiments = ScenarioSettings.defaults().experiments();

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the numbers as JSON.")
    Path reportJson;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ValidationReport r = StatsValidation.run(ValidationConfig.defaults().withSeed(seed)
                .withExperiments(experiments, experiments)
                .withScenarios(ScenarioSettings.defaults().withExperiments(scenarioExperiments)));
        System.out.println(r.summary());
        System.out.printf("took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (reportJson != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(reportJson.toFile(), json(r));
            System.out.println("report written to " + reportJson);
        }
        return r.passed() ? 0 : 1;
    }

    static ObjectNode json(ValidationReport r) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("aa_experiments", r.aaExperiments());
        n.put("aa_false_positive_rate", r.aaFalsePositiveRate());
        n.put("ab_experiments", r.abExperiments());
        n.put("power", r.power());
        n.put("srm_detected", r.srmDetected());
        n.put("alpha", r.alpha());
        n.put("seed", r.seed());
        n.put("samples_per_arm", r.samplesPerArm());
        n.put("baseline_accuracy", r.baselineAccuracy());
        n.put("ab_gap", r.abGap());
        n.put("median_samples_to_verdict", r.medianSamplesToVerdict());
        n.put("srm_p_value", r.srmPValue());
        n.put("srm_false_alarm_on_balanced", r.srmFalseAlarmOnBalanced());
        n.put("naive_peeking_false_positive_rate", r.naivePeekingFalsePositiveRate());
        n.put("aa_cost_false_positive_rate", r.aaCostFalsePositiveRate());
        n.put("median_results_to_cost_verdict", finite(r.medianResultsToCostVerdict()));
        n.put("median_results_to_accuracy_verdict", finite(r.medianResultsToAccuracyVerdict()));
        ArrayNode scenarios = n.putArray("scenarios");
        for (ScenarioResult s : r.scenarios()) {
            ObjectNode o = scenarios.addObject();
            o.put("scenario", s.scenario());
            o.put("experiments", s.experiments());
            o.put("rate", s.rate());
            o.put("upper95", s.upper95());
            o.put("limit", s.limit());
            o.put("passed", s.passed());
            o.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("lower95", s.lower95());
            o.put("description", s.description());
        }
        n.put("passed", r.passed());
        return n;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
