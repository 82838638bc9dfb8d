package io.divconq.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates a client from a URL: {@code http(s)://...} talks to a real registry; {@code mock://<scope>} returns a
 * process-wide {@link InMemorySchemaRegistry} shared by everyone naming the same scope (like Confluent's mock://
 * URLs), so a TopologyTestDriver test and its serdes see the same registry without a server. HTTP clients wait out
 * registry outages ({@link RetryingSchemaRegistryClient}).
 */
public final class SchemaRegistryClients {

    public static final String MOCK_PREFIX = "mock://";

    private static final Map<String, InMemorySchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /**
     * @param basicAuthUserInfo {@code user:password} for basic auth (ignored for mock://)
     * @throws IllegalArgumentException for other schemes or comma-separated URL lists
     */
    public static SchemaRegistryClient create(String url, Optional<String> basicAuthUserInfo) {
        String trimmed = Objects.requireNonNull(url, "url").strip();
        if (trimmed.contains(",")) {
            throw new IllegalArgumentException("Only one Schema Registry URL is supported, not a comma-separated list");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(MOCK_PREFIX)) {
            return mockScope(trimmed.substring(MOCK_PREFIX.length()));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new RetryingSchemaRegistryClient(new HttpSchemaRegistryClient(trimmed, basicAuthUserInfo));
        }
        throw new IllegalArgumentException("Unsupported Schema Registry URL: expected http://, https:// or mock://<scope>");
    }

    /** The registry of mock scope {@code scope}, created on first use. */
    public static InMemorySchemaRegistry mockScope(String scope) {
        return MOCK_SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets mock scope {@code scope}; the next use starts from an empty registry. */
    public static void dropMockScope(String scope) {
        MOCK_SCOPES.remove(scope);
    }
}
