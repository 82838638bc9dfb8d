package io.divconq.bench;

import io.divconq.common.context.DivconqContext;
import io.divconq.llm.ModelEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/**
 * The pipeline the bench measures, started by its owner (the launcher) with the bench's configuration: its topics
 * created and all three streams running in this JVM.
 */
@FunctionalInterface
public interface PipelineUnderTest {

    /** Creates the context's topics and starts the streams, state under {@code stateDir}; blocking = the baseline. */
    Running start(DivconqContext context, Path stateDir, boolean blocking) throws Exception;

    /** A started pipeline. */
    interface Running extends AutoCloseable {

        void awaitRunning(Duration timeout) throws InterruptedException;

        /** The model endpoints the streams call (their in-flight limits are sampled). */
        Collection<ModelEndpoint> endpoints();

        @Override
        void close();
    }
}
