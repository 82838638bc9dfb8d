package io.divconq.common.streams;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.model.ModelRouter;
import org.apache.kafka.streams.Topology;

/**
 * How one stream module builds its topology, and whatever must run beside it for as long as the stream does.
 * Each stream module has one; the launcher only picks which to run.
 */
public interface StreamAssembly {

    /** Short name, used in application ids ({@code divconq-decomposer}, ...) and state directories. */
    String id();

    Assembled assemble(DivconqContext context, StageSettings settings, ModelRouter router);

    /** A stream's topology and what runs beside it (closed after the stream). */
    record Assembled(Topology topology, AutoCloseable sidecar) {

        public static Assembled alone(Topology topology) {
            return new Assembled(topology, () -> { });
        }
    }
}
