package io.divconq.launcher.dlq;

import io.divconq.avro.DeadLetter;
import io.divconq.common.context.DivconqContext;
import io.divconq.launcher.ConfigOptions;
import io.divconq.launcher.InstantConverter;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code divconq dlq summary|replay}: what was dead-lettered, and sending it back once the cause is fixed. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and replay the dead-letter topic.",
        subcommands = {DlqCommand.Summary.class, DlqCommand.Replay.class})
public final class DlqCommand {

    private DlqCommand() {
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Count dead letters by stage, error type and arm, with the oldest and newest.")
    public static final class Summary implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        PrintStream out = System.out;

        @Override
        public Integer call() {
            DivconqContext context = options.context(System.getenv());
            TopicAdmin.ensureTopics(context);
            DeadLetterLog log = DeadLetterLog.read(context);
            out.print(summary(log));
            return 0;
        }
    }

    /** The summary as printed: totals, then counts per stage, error type and arm. */
    static String summary(DeadLetterLog log) {
        StringBuilder sb = new StringBuilder();
        var letters = log.letters().stream().map(DeadLetterLog.Entry::letter).toList();
        long replayed = log.letters().stream().filter(e -> log.replayed().contains(e.id())).count();
        sb.append(String.format("%d dead letter(s), %d replayed already%n", letters.size(), replayed));
        if (letters.isEmpty()) return sb.toString();
        LongSummaryStatistics at = letters.stream().mapToLong(DeadLetter::getFailedAtMs).summaryStatistics();
        sb.append(String.format("oldest %s, newest %s%n", Instant.ofEpochMilli(at.getMin()), Instant.ofEpochMilli(at.getMax())));
        section(sb, "stage", letters, DeadLetter::getStage);
        section(sb, "error type", letters, DeadLetter::getErrorType);
        section(sb, "arm", letters, d -> d.getArm() == null ? "(none)" : d.getArm());
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, java.util.List<DeadLetter> letters, Function<DeadLetter, String> by) {
        Map<String, Long> counts = letters.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
        sb.append("by ").append(title).append(':').append(System.lineSeparator());
        counts.forEach((k, n) -> sb.append(String.format("  %-24s %d%n", k, n)));
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-send dead letters' original bytes to their source topics (in a transaction, with a replay-count header).")
    public static final class Replay implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--stage", paramLabel = "S", description = "Only letters of this stage (decompose, solve, score).")
        String stage;

        @Option(names = "--error-type", paramLabel = "T", description = "Only letters of this error type, e.g. model-call-failed.")
        String errorType;

        @Option(names = "--since", paramLabel = "TIME", converter = InstantConverter.class,
                description = "Only letters that failed at or after then: ISO-8601 (2026-11-30T12:00:00Z) or epoch ms.")
        Instant since;

        @Option(names = "--max-replays", paramLabel = "N", description = "A letter replayed N times already stays in the dlq. Default: ${DEFAULT-VALUE}.")
        int maxReplays = 3;

        PrintStream out = System.out;

        @Override
        public Integer call() {
            DivconqContext context = options.context(System.getenv());
            TopicAdmin.ensureTopics(context);
            DlqReplayer.Result r = DlqReplayer.replay(context,
                    new DlqReplayer.Filter(stage, errorType, since == null ? null : since.toEpochMilli()), maxReplays);
            out.printf("replayed %d dead letter(s); kept %d replayed %d times already, %d truncated (not replayable), "
                    + "%d of shadow decompositions (not replayed); %d were replayed before%n", r.replayed(), r.keptMaxReplays(), maxReplays,
                    r.keptTruncated(), r.keptShadow(), r.alreadyReplayed());
            return 0;
        }
    }
}
