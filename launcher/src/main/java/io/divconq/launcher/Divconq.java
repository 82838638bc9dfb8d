package io.divconq.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The divconq command line. */
@Command(name = "divconq", mixinStandardHelpOptions = true, version = "divconq 0.1.0",
        description = "Decompose-then-solve LLM reasoning on Kafka Streams, with live A/B tests of decomposers.",
        subcommands = {RunCommand.class, StreamCommand.Decomposer.class, StreamCommand.Solver.class,
                StreamCommand.Scorer.class, StreamCommand.All.class, ProduceCommand.class, SimulatorCommand.class,
                WeightsCommand.class, FeedbackCommand.class, io.divconq.launcher.dlq.DlqCommand.class, ValidateStatsCommand.class, io.divconq.launcher.bench.BenchCommand.class})
public final class Divconq {

    public static void main(String[] args) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int code = new CommandLine(new Divconq()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }
}
