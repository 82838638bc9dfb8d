package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `divconq services --simulator`: a standalone local stack whose addresses come first, running until stopped. */
class ServicesCommandTest {

    @Test
    void printsTheAddressesFirstAndServesUntilStopped() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(
                new ServicesCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), stop)).execute("--simulator"));

        await().atMost(Duration.ofSeconds(60)).until(() -> buffer.toString(StandardCharsets.UTF_8).contains("services running"));
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).matches("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+|bootstrap\\.servers=localhost:\\d+");
        assertThat(lines.get(1)).matches("schema\\.registry\\.url=http://[\\w.]+:\\d+");
        assertThat(lines.get(2)).matches("llm\\.url=http://[\\w.]+:\\d+/v1");
        String bootstrap = lines.get(0).substring("bootstrap.servers=".length());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        HttpClient http = HttpClient.newHttpClient();
        String registry = lines.get(1).substring("schema.registry.url=".length());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(registry + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("[]");
        String llm = lines.get(2).substring("llm.url=".length());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(llm + "/models")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isLessThan(500);
        assertThat(exit).isNotDone();

        stop.countDown();

        assertThat(exit.get(60, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    }
}
