package io.divconq.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's decomposition quality and answer accuracies on one dataset, overriding its profile for that dataset's
 * problems; a null field keeps the profile's value.
 */
public record DatasetAccuracy(Double decompositionQuality, Double accuracyGoodDecomposition, Double accuracyPoorDecomposition,
                              Double accuracyDirect) {

    public static DatasetAccuracy quality(double q) {
        return new DatasetAccuracy(q, null, null, null);
    }

    public static DatasetAccuracy accuracies(double good, double poor, double direct) {
        return new DatasetAccuracy(null, good, poor, direct);
    }

    public ModelProfile applyTo(ModelProfile p) {
        return p.withReplyRates(or(decompositionQuality, p.decompositionQuality()), p.noDecompositionRate(), p.malformedRate())
                .withAccuracies(or(accuracyGoodDecomposition, p.accuracyGoodDecomposition()),
                        or(accuracyPoorDecomposition, p.accuracyPoorDecomposition()), or(accuracyDirect, p.accuracyDirect()));
    }

    private static double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }

    /**
     * Defaults shaped like the paper's Table 1 (decomposer → GPT-3.5 solver): DROP F1 teacher 55.7, untrained 13B
     * student 47.1, SD-R student 58.0; Bamboogle 54.4 / 48.8 / 52.0. End to end, an arm is right with probability
     * q·good + (1−q)·poor, q its decomposer's quality on the dataset: DROP 0.95·0.58 + 0.05·0.20 = 0.561 (teacher),
     * 0.70 → 0.466 (student), 1.0 → 0.580 (SD-R); Bamboogle 0.94 → 0.544, 0.72 → 0.487, 0.85 → 0.521. GSM8K keeps
     * the models' own profiles (teacher 0.685, student 0.655, SD-R 0.700; paper 65.1 / 62.9 / 67.8).
     */
    static Map<String, Map<String, DatasetAccuracy>> paperShaped() {
        Map<String, Map<String, DatasetAccuracy>> d = new LinkedHashMap<>();
        d.put("drop", Map.of(
                SimulatorConfig.TEACHER, quality(0.95), SimulatorConfig.STUDENT, quality(0.70), SimulatorConfig.STUDENT_SDR, quality(1.0),
                SimulatorConfig.SOLVER, accuracies(0.58, 0.20, 0.47)));
        d.put("bamboogle", Map.of(
                SimulatorConfig.TEACHER, quality(0.94), SimulatorConfig.STUDENT, quality(0.72), SimulatorConfig.STUDENT_SDR, quality(0.85),
                SimulatorConfig.SOLVER, accuracies(0.56, 0.30, 0.50)));
        return d;
    }
}
