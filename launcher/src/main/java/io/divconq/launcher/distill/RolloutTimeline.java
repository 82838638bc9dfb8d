package io.divconq.launcher.distill;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.distill.rollout.RolloutCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The rollout decisions (and guardrail stops) among an experiment's weight changes, as a timeline. */
public final class RolloutTimeline {

    private RolloutTimeline() {
    }

    /** Decisions of the rollout controller, people's rollout commands and guardrails, oldest first. */
    public static List<ExperimentControl> decisions(ExperimentResult result) {
        return result.getWeightChanges().stream().filter(c -> c.getSource().equals(RolloutCommand.CONTROLLER_SOURCE)
                || c.getSource().startsWith(RolloutCommand.SOURCE_PREFIX) || c.getSource().equals("guardrail")).toList();
    }

    /** Prints the timeline, times in seconds since the first decision; nothing when there was none. */
    public static void print(ExperimentResult result, PrintStream out) {
        List<ExperimentControl> decisions = decisions(result);
        if (decisions.isEmpty()) return;
        long t0 = decisions.get(0).getAtMs();
        out.println();
        out.println("rollout timeline:");
        for (ExperimentControl c : decisions) {
            out.printf(Locale.ROOT, "  +%6.1f s  %-10s %-28s %s%n", (c.getAtMs() - t0) / 1000.0, c.getSource(),
                    c.getWeights().toString(), c.getReason());
        }
    }
}
