package io.divconq.launcher.distill;

import io.divconq.avro.ExperimentControl;
import io.divconq.avro.ExperimentResult;
import io.divconq.common.config.ArmConfig;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.Topic;
import io.divconq.distill.rollout.RolloutCommand;
import io.divconq.distill.rollout.RolloutTopology;
import io.divconq.distill.stream.TopicSnapshot;
import io.divconq.launcher.ConfigOptions;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows and steers the rollout of an arm: its timeline of decisions, and pause, resume or abort. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Show (status) or steer (pause, resume, abort) the rollout of an arm; every step is on experiment-control.")
public final class RolloutCommandLine implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "status|pause|resume|abort", description = "What to do.")
    String action;

    @Option(names = "--arm", paramLabel = "ARM", description = "The arm (default: the only arm with a rollout).")
    String arm;

    @Option(names = "--reason", description = "Why (required for pause, resume and abort); kept with the command.")
    String reason;

    private final PrintStream out;

    public RolloutCommandLine() {
        this(System.out);
    }

    RolloutCommandLine(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        DivconqContext context = options.context(System.getenv());
        DivconqConfig config = context.config();
        List<String> arms = RolloutTopology.arms(config.experiment());
        String target = arm != null ? arm : arms.size() == 1 ? arms.get(0) : null;
        if (target == null || !arms.contains(target)) {
            System.err.println("name an arm with a rollout: --arm one of " + arms);
            return 2;
        }
        TopicAdmin.ensureTopics(context);
        if (action.equals("status")) return status(context, target);
        RolloutCommand command;
        try {
            command = RolloutCommand.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("unknown action '" + action + "': status, pause, resume or abort");
            return 2;
        }
        if (reason == null || reason.isBlank()) {
            System.err.println("--reason is required for " + action);
            return 2;
        }
        Topic<ExperimentControl> topic = context.topics().experimentControl();
        // A valid weight change either way: abort sets 0 at once; pause and resume keep the arm's current weight.
        double weight = command == RolloutCommand.ABORT ? 0.0 : currentWeights(context).getOrDefault(target, 0.0);
        ExperimentControl change = ExperimentControl.newBuilder().setExperiment(config.experiment().name())
                .setWeights(Map.of(target, weight)).setReason(reason).setSource(command.source(target))
                .setAtMs(System.currentTimeMillis()).build();
        try (KafkaProducer<String, ExperimentControl> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), topic.serde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), change.getExperiment(), change)).get();
        }
        out.println("rollout of " + target + ": " + action + " sent (" + reason + ")");
        return 0;
    }

    /** The plan, the current share, and every weight decision about the arm, oldest first. */
    private int status(DivconqContext context, String target) {
        ArmConfig.Rollout plan = context.config().experiment().arm(target).orElseThrow().rollout();
        out.printf("rollout of %s: steps %s, at least %d results per step, cost must be better: %s%n", target, plan.steps(),
                plan.minResults(), plan.costMustBeBetter());
        String experiment = context.config().experiment().name();
        latestResult(context).ifPresent(r -> out.printf("now: %s of traffic (weights %s)%n", share(r, target), r.getWeights()));
        var controls = TopicSnapshot.readAll(context.bootstrapServers(), context.topics().experimentControl(), Duration.ofSeconds(30));
        for (var e : controls.records()) {
            ExperimentControl c = e.getValue();
            if (c == null || !experiment.equals(c.getExperiment())) continue;
            boolean aboutArm = c.getWeights().containsKey(target) || c.getSource().endsWith(":" + target);
            if (!aboutArm) continue;
            out.printf("%s  %-22s %-8s %s%n", Instant.ofEpochMilli(c.getAtMs()), c.getSource(),
                    c.getWeights().containsKey(target) ? String.format(java.util.Locale.ROOT, "%.4g", c.getWeights().get(target)) : "-",
                    c.getReason());
        }
        return 0;
    }

    private static java.util.Optional<ExperimentResult> latestResult(DivconqContext context) {
        String experiment = context.config().experiment().name();
        var results = TopicSnapshot.readAll(context.bootstrapServers(), context.topics().experimentResults(), Duration.ofSeconds(30));
        return results.records().stream().map(Map.Entry::getValue).filter(r -> r != null && experiment.equals(r.getExperiment()))
                .reduce((a, b) -> b);
    }

    /** The weights the scorer last reported, or the configured ones before it reported any. */
    private static Map<String, Double> currentWeights(DivconqContext context) {
        return latestResult(context).map(ExperimentResult::getWeights).orElse(context.config().experiment().weights());
    }

    private static String share(ExperimentResult r, String arm) {
        double total = r.getWeights().values().stream().mapToDouble(Double::doubleValue).sum();
        return total <= 0 ? "0%" : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * r.getWeights().getOrDefault(arm, 0.0) / total);
    }
}
