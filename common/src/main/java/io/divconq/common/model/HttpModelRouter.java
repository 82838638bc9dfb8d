package io.divconq.common.model;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.config.EndpointSettings;
import io.divconq.llm.EndpointConfig;
import io.divconq.llm.ModelEndpoint;
import io.divconq.llm.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes to OpenAI-compatible HTTP endpoints from the configuration; one client per endpoint, made on first use. */
public final class HttpModelRouter implements ModelRouter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpModelRouter.class);

    private final DivconqConfig config;
    private final MeterRegistry meters;
    private final Map<String, ModelEndpoint> endpoints = new ConcurrentHashMap<>();

    public HttpModelRouter(DivconqConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    @Override
    public ModelRoute route(String endpoint, String model) {
        ModelEndpoint client = endpoints.computeIfAbsent(endpoint, name -> create(name, config.endpoint(name)));
        return new ModelRoute(endpoint, model, client::chat, new EndpointPermits(client));
    }

    /** The endpoint clients made so far, by name (for metrics and benchmarks). */
    public Map<String, ModelEndpoint> endpoints() {
        return Map.copyOf(endpoints);
    }

    public static EndpointConfig endpointConfig(String name, EndpointSettings s) {
        return new EndpointConfig(name, URI.create(s.url()), s.apiKeyEnv(), s.maxInFlight(),
                Duration.ofMillis(s.timeoutMs()),
                new RetryPolicy(s.retry().maxAttempts(), Duration.ofMillis(s.retry().initialBackoffMs()),
                        Duration.ofMillis(s.retry().maxBackoffMs()), 2.0),
                s.requestsPerSecond(), s.tokensPerMinute(), s.breaker().toSettings());
    }

    private ModelEndpoint create(String name, EndpointSettings settings) {
        String keyEnv = settings.apiKeyEnv();
        if (keyEnv != null && !keyEnv.isBlank() && isBlank(System.getenv(keyEnv))) {
            // Local servers (the simulator, Ollama, vLLM, llama.cpp) need no key; a remote one will answer 401.
            log.info("endpoint '{}': environment variable {} is not set; calling {} without an API key", name, keyEnv, settings.url());
            settings = settings.withoutApiKey();
        }
        return ModelEndpoint.builder(endpointConfig(name, settings)).meterRegistry(meters).build();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void close() {
        endpoints.values().forEach(ModelEndpoint::close);
        endpoints.clear();
    }
}
