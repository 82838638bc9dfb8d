package io.divconq.common.streams;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import org.apache.kafka.streams.Topology;

/**
 * How one stream module builds its topology, and whatever must run beside it for as long as the stream does.
 * Each stream module declares one (e.g. {@code SolverTopology.STREAM}); the launcher only picks which to run.
 *
 * @param id        short name, used in application ids ({@code divconq-decomposer}, ...) and state directories
 * @param assembler builds the stream from the context
 */
public record StreamAssembly(String id, Assembler assembler) {

    /** Builds a stream's topology (and sidecar) from the context, the stage settings and the model routes. */
    @FunctionalInterface
    public interface Assembler {
        Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router);
    }

    public Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router) {
        return assembler.assemble(context, settings, router);
    }

    /** A stream's topology and what runs beside it (closed after the stream). */
    public record Assembled(Topology topology, AutoCloseable sidecar) {

        public static Assembled alone(Topology topology) {
            return new Assembled(topology, () -> { });
        }
    }
}
