package io.divconq.dashboard;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The dashboard with the view that feeds it, started and stopped together. */
public final class Dashboard implements AutoCloseable {

    private final ExperimentView view;
    private final DashboardServer server;
    private final Optional<String> portNote;

    private Dashboard(ExperimentView view, DashboardServer server, Optional<String> portNote) {
        this.view = view;
        this.server = server;
        this.portNote = portNote;
    }

    public static Dashboard start(DivconqContext context, PrometheusMeterRegistry metrics, String host, int port) {
        DivconqConfig config = context.config();
        ExperimentView view = new ExperimentView(context);
        try {
            DashboardServer server;
            Optional<String> note = Optional.empty();
            try {
                server = DashboardServer.start(host, port, view, metrics, config.prices().version());
            } catch (java.net.BindException busy) {
                // Another program has the port: serve on a free one rather than fail the run, and say so.
                server = DashboardServer.start(host, 0, view, metrics, config.prices().version());
                note = Optional.of("port " + port + " is taken; the dashboard uses " + server.url() + " instead");
            }
            return new Dashboard(view, server, note);
        } catch (IOException e) {
            view.close();
            throw new UncheckedIOException("could not serve the dashboard on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Set when the asked-for port was taken and another was used. */
    public Optional<String> portNote() {
        return portNote;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
        view.close();
    }
}
