package io.divconq.launcher.distill;

import io.divconq.avro.Problem;
import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.divconq.distill.export.ExportMode;
import io.divconq.distill.export.ExportRequest;
import io.divconq.distill.export.QuestionKey;
import io.divconq.distill.export.TrainingFormat;
import io.divconq.launcher.ConfigOptions;
import io.divconq.launcher.InstantConverter;
import io.divconq.launcher.input.ProblemFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes SD-T / SD-R fine-tuning files from the distill-examples topic of a running cluster. */
@Command(name = "export-sft", mixinStandardHelpOptions = true,
        description = "Export the teacher's decompositions as fine-tuning data: SD-T (all usable) or SD-R (only those that led to a right answer).")
public final class ExportSftCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--mode", required = true, split = ",", paramLabel = "sdt|sdr", description = "sdt, sdr, or both (sdt,sdr).")
    List<ExportMode> modes = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for <mode>.jsonl, <mode>.valid.jsonl and manifest.json.")
    Path out;

    @Option(names = "--arm", paramLabel = "ARM", description = "The teacher arm (default: the experiment's control).")
    String arm;

    @Option(names = "--dataset", paramLabel = "D", description = "Only this dataset (gsm8k, drop, ...).")
    String dataset;

    @Option(names = "--since", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only decompositions made since then: ISO-8601 (2026-11-30T12:00:00Z) or epoch ms.")
    Instant since;

    @Option(names = "--exclude", paramLabel = "FILE", description = "Problem file whose questions must never be in training data (repeatable).")
    List<Path> exclude = new ArrayList<>();

    @Option(names = "--valid-share", paramLabel = "SHARE", description = "Share of questions in the validation split. Default: ${DEFAULT-VALUE}.")
    double validShare = 0.05;

    @Option(names = "--format", paramLabel = "messages|sharegpt", description = "Default: ${DEFAULT-VALUE}.")
    TrainingFormat format = TrainingFormat.MESSAGES;

    @Option(names = "--preferences", description = "Also write preferences.jsonl (prompt/chosen/rejected).")
    boolean preferences;

    @Option(names = "--allow-eval-splits", description = "Keep problems whose dataset split is an evaluation split.")
    boolean allowEvalSplits;

    @Override
    public Integer call() throws Exception {
        DivconqContext context = options.context(System.getenv());
        DivconqConfig config = context.config();
        String teacher = arm != null ? arm : config.experiment().control();
        if (config.experiment().arm(teacher).isEmpty()) {
            System.err.println("experiment '" + config.experiment().name() + "' has no arm '" + teacher + "'");
            return 2;
        }
        long sinceMs = since == null ? 0L : since.toEpochMilli();
        Set<QuestionKey> excluded = new HashSet<>();
        for (Path file : exclude) {
            ProblemFile.Loaded loaded = ProblemFile.read(file, 0);
            if (!loaded.rejected().isEmpty()) {
                System.err.println("--exclude " + file + ": unreadable lines " + loaded.rejected() + "; nothing exported");
                return 2;
            }
            for (Problem p : loaded.problems()) excluded.add(QuestionKey.of(p.getQuestion(), p.getContext()));
        }
        ExportRequest request;
        try {
            request = new ExportRequest(new LinkedHashSet<>(modes), teacher, dataset, sinceMs, excluded, validShare, format,
                    preferences, allowEvalSplits, ExportRequest.DEFAULT_EVAL_SPLITS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        ClusterExport.write(new ClusterExport(context).snapshot(), request, out, System.out);
        return 0;
    }
}
