package io.divconq.launcher;

import picocli.CommandLine.Option;

/** Where the live dashboard is served (run and scorer commands). */
public final class DashboardOptions {

    @Option(names = "--dashboard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve the live dashboard and /metrics. Default: ${DEFAULT-VALUE}.")
    boolean enabled = true;

    @Option(names = "--dashboard-host", paramLabel = "HOST", description = "Dashboard address. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(names = "--dashboard-port", paramLabel = "PORT", description = "Dashboard port (0 = any free one). Default: ${DEFAULT-VALUE}.")
    int port = 8080;
}
