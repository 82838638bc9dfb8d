package io.divconq.embedded;

import io.divconq.registry.InMemorySchemaRegistry;
import io.divconq.registry.SchemaRegistryServer;
import io.divconq.simulator.ModelSimulator;
import io.divconq.simulator.ProblemKnowledge;
import io.divconq.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the embedded default starts in this JVM when no external service is given: a KRaft broker, a schema
 * registry speaking the Confluent REST API, and the model simulator. Each part is optional.
 */
public final class LocalServices implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private ModelSimulator simulator;

    public EmbeddedKafka startKafka() {
        kafka = track(EmbeddedKafka.start());
        return kafka;
    }

    public SchemaRegistryServer startRegistry() {
        registry = track(SchemaRegistryServer.start(new InMemorySchemaRegistry(), 0));
        return registry;
    }

    /** Starts the simulator knowing the gold answers of the given problem files (and GSM8K socratic subquestions). */
    public ModelSimulator startSimulator(SimulatorConfig config, List<Path> problemFiles) {
        try {
            simulator = track(ModelSimulator.start(config, knowledgeOf(problemFiles), 0));
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the model simulator", e);
        }
    }

    /** The problems' gold answers; for GSM8K's test.jsonl also its test_socratic.jsonl (human-written subquestions). */
    static ProblemKnowledge knowledgeOf(List<Path> problemFiles) {
        ProblemKnowledge knowledge = ProblemKnowledge.empty();
        for (Path f : problemFiles) {
            knowledge.addJsonLines(f);
            Path socratic = f.resolveSibling(f.getFileName().toString().replace(".jsonl", "_socratic.jsonl"));
            if (!socratic.equals(f) && Files.isReadable(socratic)) knowledge.addJsonLines(socratic);
        }
        return knowledge;
    }

    private <T extends AutoCloseable> T track(T service) {
        started.add(service);
        return service;
    }

    public EmbeddedKafka kafka() { return kafka; }
    public SchemaRegistryServer registry() { return registry; }
    public ModelSimulator simulator() { return simulator; }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(LocalServices.class).warn("closing {} failed: {}", started.get(i), e.toString());
            }
        }
        started.clear();
    }
}
