package io.divconq.scorer.experiment;

import io.divconq.avro.ArmStats;
import io.divconq.avro.ExperimentState;
import io.divconq.avro.SrmCheck;
import io.divconq.stats.SampleRatioMismatch;
import io.divconq.stats.SequentialSrm;
import io.divconq.stats.SrmResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sample-ratio check per weight version: each arm's problems are counted under the version they were assigned with
 * and compared with that version's weights (the always-valid {@link SequentialSrm} over all versions, p &lt; 0.001),
 * so problems in flight across a weight change never count against the new weights.
 */
final class EpochSrm {

    static final String METHOD = "sequential-per-version";

    private EpochSrm() {
    }

    /** Null until two arms have weight in some version and a problem is accounted for. */
    static SrmCheck check(ExperimentState state, List<String> armOrder) {
        TreeSet<Long> versions = new TreeSet<>();
        for (ArmStats s : state.getArms().values()) {
            s.getAssignedByVersion().keySet().forEach(v -> versions.add(Long.parseLong(v)));
        }
        List<SequentialSrm.Epoch> epochs = new ArrayList<>();
        Map<String, Map<String, Long>> observedByVersion = new LinkedHashMap<>();
        Map<String, Map<String, Double>> weightsByVersion = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        long[] latestCounts = null;
        double[] latestWeights = null;
        for (long version : versions) {
            String key = Long.toString(version);
            Map<String, Double> weights = state.getWeightsByVersion().getOrDefault(key,
                    version == 0 ? state.getWeightsByVersion().getOrDefault("0", state.getWeights()) : null);
            if (weights == null) continue;
            long[] counts = new long[armOrder.size()];
            double[] w = new double[armOrder.size()];
            Map<String, Long> observed = new LinkedHashMap<>();
            for (int i = 0; i < armOrder.size(); i++) {
                String arm = armOrder.get(i);
                ArmStats s = state.getArms().get(arm);
                counts[i] = s == null ? 0 : s.getAssignedByVersion().getOrDefault(key, 0L);
                w[i] = weights.getOrDefault(arm, 0.0);
                observed.put(arm, counts[i]);
                totals.merge(arm, counts[i], Long::sum);
            }
            epochs.add(new SequentialSrm.Epoch(counts, w));
            observedByVersion.put(key, observed);
            weightsByVersion.put(key, new LinkedHashMap<>(weights));
            latestCounts = counts;
            latestWeights = w;
        }
        long total = totals.values().stream().mapToLong(Long::longValue).sum();
        if (epochs.isEmpty() || total == 0) return null;
        SequentialSrm.Result r = SequentialSrm.test(epochs, SampleRatioMismatch.DEFAULT_THRESHOLD);
        SrmResult reference = chiSquare(latestCounts, latestWeights);
        Map<String, Double> share = new LinkedHashMap<>();
        double sum = state.getWeights().values().stream().mapToDouble(Double::doubleValue).sum();
        state.getWeights().forEach((arm, w) -> share.put(arm, sum > 0 ? w / sum : 0.0));
        return SrmCheck.newBuilder()
                .setMethod(METHOD)
                .setLogBayesFactor(Double.isFinite(r.logBayesFactor()) ? r.logBayesFactor() : null)
                .setPValue(r.pValue())
                .setMismatch(r.mismatch())
                .setChiSquare(reference == null ? 0.0 : reference.chiSquare())
                .setDegreesOfFreedom(reference == null ? 0 : reference.degreesOfFreedom())
                .setObserved(totals)
                .setExpectedShare(share)
                .setObservedByVersion(observedByVersion)
                .setWeightsByVersion(weightsByVersion)
                .build();
    }

    /** The classical chi-square of the latest version's counts, for reference (arms with weight only). */
    private static SrmResult chiSquare(long[] counts, double[] weights) {
        List<Long> c = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (weights[i] > 0) {
                c.add(counts[i]);
                w.add(weights[i]);
            }
        }
        if (c.size() < 2) return null;
        return SampleRatioMismatch.test(c.stream().mapToLong(Long::longValue).toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
