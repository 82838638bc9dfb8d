package io.divconq.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The divconq command line. */
@Command(name = "divconq", mixinStandardHelpOptions = true, version = "divconq 0.1.0",
        description = "Decompose-then-solve LLM reasoning on Kafka Streams, with live A/B tests of decomposers.",
        subcommands = {RunCommand.class, StreamCommand.Decomposer.class, StreamCommand.Solver.class,
                StreamCommand.Scorer.class, StreamCommand.Distill.class, StreamCommand.All.class, ProduceCommand.class,
                SimulatorCommand.class, RegistryCommand.class, WeightsCommand.class, FeedbackCommand.class, EvaluateCommand.class, GatewayCommand.class,
                io.divconq.launcher.distill.ExportSftCommand.class, io.divconq.launcher.distill.RolloutCommandLine.class,
                io.divconq.launcher.dlq.DlqCommand.class, ServicesCommand.class,
                ValidateStatsCommand.class, io.divconq.launcher.bench.BenchCommand.class})
public final class Divconq {

    public static void main(String[] args) {
        io.divconq.util.ProcessDefaults.apply();
        int code;
        try {
            code = new CommandLine(new Divconq()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        } catch (NoClassDefFoundError e) {
            if (!missingEmbeddedServices(e)) throw e;
            System.err.println("this command needs the embedded services (launcher/target/lib-embedded), which this "
                    + "installation does not have on its class path; start it with bin/divconq.");
            code = 2;
        }
        System.exit(code);
    }

    /** Production installs ship target/lib only; the in-JVM broker lives in target/lib-embedded. */
    static boolean missingEmbeddedServices(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("io/divconq/embedded") || m.contains("io.divconq.embedded") || m.contains("org/apache/kafka/common/test")) return true;
            }
        }
        return false;
    }
}
