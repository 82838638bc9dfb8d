package io.divconq.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.divconq.avro.Problem;
import io.divconq.launcher.report.RunMonitor;
import io.divconq.launcher.testing.PipelineHarness;
import io.divconq.launcher.testing.TestData;
import io.divconq.launcher.testing.TopicReader;
import io.divconq.simulator.SimulatorConfig;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three streams run in a child JVM (as in production) and are killed with SIGKILL while hundreds of model calls
 * are in flight; a restart on the same state directory must finish every problem with exactly one committed result.
 * The broker, registry and simulator live in this JVM and survive the kill.
 */
class CrashRecoveryTest {

    @Test
    void killMinusNineWithCallsInFlightLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        var gsm8k = TestData.gsm8kTest();
        SimulatorConfig sim = SimulatorConfig.defaults().mapProfiles(p -> p.withFixedLatency(400));
        try (PipelineHarness h = new PipelineHarness(sim, List.of(gsm8k), c -> c)) {
            List<Problem> problems = new ArrayList<>(h.load(gsm8k, 400));
            Path state = dir.resolve("state");
            Path log = dir.resolve("streams.log");
            h.produce(problems);
            try (RunMonitor monitor = h.monitor(problems)) {
                Process first = startStreams(h, state, log, null);
                // Kill once results flow and calls are in flight at both model stages.
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ZERO)
                        .until(() -> {
                            monitor.poll(Duration.ofMillis(100));
                            assertThat(first.isAlive()).as("streams process alive; log:%n%s", tail(log)).isTrue();
                            return monitor.scores().size() >= 40;
                        });
                long inFlight = h.local.simulator().stats().inFlight();
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean close
                int scoredBeforeKill = monitor.scores().size();
                assertThat(scoredBeforeKill).as("killed mid-run").isBetween(40, 399);
                assertThat(inFlight).as("model calls in flight at the kill").isPositive();

                int metricsPort = freePort();
                Process second = startStreams(h, state, log, metricsPort);
                try {
                    assertThat(PipelineHarness.awaitFinished(monitor, problems.size(), Duration.ofSeconds(180)))
                            .as("finished %d of %d after restart; log:%n%s", monitor.finished(), problems.size(), tail(log)).isTrue();
                    assertThat(reissued(metricsPort)).as("calls pending at the kill, restored from the changelog and re-issued")
                            .isPositive();
                } finally {
                    second.destroy();
                    second.waitFor(30, TimeUnit.SECONDS);
                }
                assertThat(monitor.deadLetters()).isEmpty();
            }
            Set<String> ids = problems.stream().map(Problem::getId).collect(Collectors.toSet());
            for (String topic : List.of(h.topics.decompositions().name(), h.topics.solutions().name(), h.topics.scores().name())) {
                Map<String, Integer> counts = TopicReader.countByKey(h.bootstrap, topic, Duration.ofSeconds(2));
                assertThat(counts.keySet()).as(topic).isEqualTo(ids);
                assertThat(counts.values()).as("committed records per problem in " + topic).containsOnly(1);
            }
        }
    }

    /** Jobs the restarted streams re-issued from their restored pending stores, all stages (its /metrics). */
    private static double reissued(int port) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines().filter(l -> l.startsWith("divconq_async_reissued_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The streams in a child JVM; with /metrics on {@code metricsPort}, or none when it is null. */
    private static Process startStreams(PipelineHarness h, Path state, Path log, Integer metricsPort) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                Divconq.class.getName(), "streams",
                "--bootstrap-servers", h.bootstrap,
                "--schema-registry-url", h.config.schemaRegistry().url(),
                "--llm-url", h.config.endpoint("default").url(),
                "--topic-prefix", h.config.topics().prefix(),
                "--state-dir", state.toString()));
        if (metricsPort == null) cmd.add("--no-dashboard");
        else cmd.addAll(List.of("--dashboard-port", metricsPort.toString()));
        Files.createDirectories(state);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
