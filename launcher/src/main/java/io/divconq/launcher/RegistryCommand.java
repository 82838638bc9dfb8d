package io.divconq.launcher;

import io.divconq.registry.CompatibilityLevel;
import io.divconq.registry.InMemorySchemaRegistry;
import io.divconq.registry.SchemaRegistryServer;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves divconq's own schema registry (the Confluent REST subset divconq's serdes use) where Confluent's cannot
 * run. It keeps schemas in memory: run one instance and keep it up as long as the topics it described are read.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Serve a Confluent-compatible schema registry (in memory, one instance) until stopped.")
public final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port (0 = any). Default: ${DEFAULT-VALUE}.")
    int port = 8081;

    @Option(names = "--host", description = "Address to listen on; 0.0.0.0 inside a container. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--compatibility", description = "Global compatibility level (${COMPLETION-CANDIDATES}). Default: ${DEFAULT-VALUE}.")
    CompatibilityLevel compatibility = CompatibilityLevel.BACKWARD;

    @Override
    public Integer call() throws Exception {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(new InMemorySchemaRegistry(compatibility),
                InetAddress.getByName(host), port, "")) {
            System.out.println("schema registry (in memory, compatibility " + compatibility + ") on " + host + ":" + server.port());
            Shutdown.await();
        }
        return 0;
    }
}
