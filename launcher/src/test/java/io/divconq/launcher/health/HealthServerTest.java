package io.divconq.launcher.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    @Test
    void healthyWhileEveryStreamRunsOrRebalancesAndSaysWhichStreamIsNot() throws Exception {
        Map<String, String> states = new LinkedHashMap<>(Map.of("solver", "RUNNING"));
        HttpClient http = HttpClient.newHttpClient();
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, () -> Map.copyOf(states))) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build();
            HttpResponse<String> ok = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"healthy\":true,\"streams\":{\"solver\":\"RUNNING\"}}");

            states.put("solver", "REBALANCING");
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            states.put("solver", "ERROR");
            HttpResponse<String> failed = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).isEqualTo("{\"healthy\":false,\"streams\":{\"solver\":\"ERROR\"}}");
        }
    }
}
