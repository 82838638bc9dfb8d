package io.divconq.launcher;

import io.divconq.simulator.ModelSimulator;
import io.divconq.simulator.ProblemKnowledge;
import io.divconq.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves the model simulator on its own, e.g. for docker-compose or to point another tool at it. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve the OpenAI-compatible model simulator (SIMULATED answers) until stopped.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port (0 = any). Default: ${DEFAULT-VALUE}.")
    int port = 8000;

    @Option(names = "--host", description = "Address to listen on; 0.0.0.0 inside a container. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--problems", paramLabel = "FILE", description = "Problem files whose gold answers the simulator knows (repeatable).")
    List<Path> problems = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML model profiles.")
    Path config;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig sc = config != null ? SimulatorConfig.load(config) : SimulatorConfig.defaults();
        ProblemKnowledge knowledge = ProblemKnowledge.empty();
        problems.forEach(knowledge::addJsonLines);
        try (ModelSimulator sim = ModelSimulator.start(sc, knowledge, java.net.InetAddress.getByName(host), port)) {
            System.out.println("model simulator (SIMULATED answers) on " + host + ":" + sim.port() + " knowing " + knowledge.size() + " problems");
            Shutdown.await();
        }
        return 0;
    }
}
