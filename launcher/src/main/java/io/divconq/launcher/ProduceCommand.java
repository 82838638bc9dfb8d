package io.divconq.launcher;

import io.divconq.common.context.DivconqContext;
import io.divconq.launcher.input.ProblemFile;
import io.divconq.launcher.input.ProblemProducer;
import io.divconq.launcher.pipeline.TopicAdmin;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Sends a problem file to a running pipeline's problems topic. */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Send problems from a JSON-lines file to the problems topic.")
public final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Problems as JSON lines (DROP, Bamboogle, GSM8K "
            + "or divconq's own); repeat to mix.")
    List<Path> inputs;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset of every --input (default: recognised per file).")
    String dataset;

    @Option(names = "--split", paramLabel = "NAME", description = ProblemFile.SPLIT_HELP)
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Send the first N problems of each input (0 = all).")
    int limit;

    @Override
    public Integer call() throws Exception {
        DivconqContext context = options.context(System.getenv());
        ProblemFile.Loaded loaded = ProblemFile.read(inputs, dataset, split, limit);
        loaded.rejected().forEach(r -> System.err.println("input: " + r));
        TopicAdmin.ensureTopics(context);
        try {
            ProblemProducer.send(context, loaded.problems());
        } catch (ProblemProducer.ProblemsNotSentException e) {
            System.err.println("produce: " + e.getMessage());
            return 1;
        }
        System.out.println("sent " + loaded.problems().size() + " problems " + loaded.perDataset() + " to "
                + context.topics().problems().name() + "; skipped " + loaded.rejected().size() + " unreadable line(s)");
        return loaded.rejected().isEmpty() ? 0 : 1;
    }
}
