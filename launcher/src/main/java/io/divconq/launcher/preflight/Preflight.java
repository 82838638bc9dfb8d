package io.divconq.launcher.preflight;

import io.divconq.common.config.DivconqConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks, before anything is sent, that every configured model endpoint and the schema registry answer. An endpoint
 * is reachable when {@code GET {url}/models} gets any HTTP reply (even 401 or 404: the server is there); the
 * registry when {@code GET {url}/subjects} gets a reply below 500. mock:// registries are in-process and skipped.
 */
public final class Preflight {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Preflight() {
    }

    /** What is unreachable, one entry per service ("endpoint 'default' at http://…: ConnectException"); empty if all answer. */
    public static List<String> unreachable(DivconqConfig config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
        List<String> out = new ArrayList<>();
        Map<String, String> urls = new TreeMap<>();
        config.endpoints().forEach((name, e) -> urls.put(name, e.url()));
        urls.forEach((name, url) -> probe(http, url.replaceAll("/+$", "") + "/models", 600)
                .ifPresent(why -> out.add("endpoint '" + name + "' at " + url + " (" + why + ")")));
        String registry = config.schemaRegistry().url();
        if (!registry.startsWith("mock://")) {
            probe(http, registry.replaceAll("/+$", "") + "/subjects", 500)
                    .ifPresent(why -> out.add("schema registry at " + registry + " (" + why + ")"));
        }
        return out;
    }

    /** The one line naming what is unreachable, or null when everything answers. */
    public static String report(List<String> unreachable) {
        return unreachable.isEmpty() ? null : "unreachable: " + String.join("; ", unreachable);
    }

    private static java.util.Optional<String> probe(HttpClient http, String url, int unhealthyFrom) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= unhealthyFrom ? java.util.Optional.of("HTTP " + status) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of("invalid URL");
        }
    }
}
