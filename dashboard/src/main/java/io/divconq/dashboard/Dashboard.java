package io.divconq.dashboard;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.context.DivconqContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The dashboard with the view that feeds it, started and stopped together. */
public final class Dashboard implements AutoCloseable {

    private final ExperimentView view;
    private final DashboardServer server;

    private Dashboard(ExperimentView view, DashboardServer server) {
        this.view = view;
        this.server = server;
    }

    public static Dashboard start(DivconqContext context, PrometheusMeterRegistry metrics, String host, int port) {
        DivconqConfig config = context.config();
        ExperimentView view = new ExperimentView(context);
        try {
            DashboardServer server;
            try {
                server = DashboardServer.start(host, port, view, metrics, config.prices().version());
            } catch (java.net.BindException busy) {
                // Another program has the port: serve on a free one rather than fail the run; the URL is printed.
                server = DashboardServer.start(host, 0, view, metrics, config.prices().version());
            }
            return new Dashboard(view, server);
        } catch (IOException e) {
            view.close();
            throw new UncheckedIOException("could not serve the dashboard on " + host + ":" + port + ": " + e.getMessage(), e);
        }
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
