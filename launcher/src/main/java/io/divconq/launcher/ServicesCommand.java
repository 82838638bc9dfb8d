package io.divconq.launcher;

import io.divconq.embedded.LocalServices;
import io.divconq.simulator.SimulatorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A standalone local stack: the embedded KRaft broker and schema registry (and the simulator) on their own, so the
 * streams, {@code produce}, {@code weights}, {@code feedback} and {@code dlq} can be pointed at them.
 */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "Start the embedded Kafka broker and schema registry (and with --simulator the model simulator); "
                + "print their addresses first, then run until stopped.")
public final class ServicesCommand implements Callable<Integer> {

    @Option(names = "--simulator", description = "Also serve the model simulator.")
    boolean simulator;

    @Option(names = "--problems", paramLabel = "FILE", description = "Problem files whose gold answers the simulator knows (repeatable).")
    List<Path> problems = new ArrayList<>();

    private final PrintStream out;
    private final CountDownLatch stop;

    public ServicesCommand() {
        this(System.out, new CountDownLatch(1));
    }

    ServicesCommand(PrintStream out, CountDownLatch stop) {
        this.out = out;
        this.stop = stop;
    }

    @Override
    public Integer call() throws Exception {
        try (LocalServices local = new LocalServices()) {
            String bootstrap = local.startKafka().bootstrapServers();
            String registry = local.startRegistry().url();
            String llm = simulator ? local.startSimulator(SimulatorConfig.defaults(), problems).baseUrl() : null;
            print(out, bootstrap, registry, llm == null ? List.of() : List.of(llm));
            out.println("services running; Ctrl-C to stop");
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "divconq-services-stop"));
            stop.await();
        }
        return 0;
    }

    /** The lines other commands are pointed with: {@code bootstrap.servers=}, {@code schema.registry.url=}, {@code llm.url=}. */
    static void print(PrintStream out, String bootstrap, String registry, List<String> llmUrls) {
        out.println("bootstrap.servers=" + bootstrap);
        out.println("schema.registry.url=" + registry);
        llmUrls.forEach(url -> out.println("llm.url=" + url));
    }
}
