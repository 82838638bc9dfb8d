package io.divconq.registry;

import static io.divconq.registry.RestModel.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.divconq.registry.RestModel.CompatibilityResponse;
import io.divconq.registry.RestModel.ConfigResponse;
import io.divconq.registry.RestModel.ConfigUpdate;
import io.divconq.registry.RestModel.ErrorResponse;
import io.divconq.registry.RestModel.IdResponse;
import io.divconq.registry.RestModel.SchemaReference;
import io.divconq.registry.RestModel.SchemaRequest;
import io.divconq.registry.RestModel.SchemaResponse;
import io.divconq.registry.RestModel.SubjectVersionResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves Confluent's Schema Registry REST subset (JSON shapes and error codes) from an {@link InMemorySchemaRegistry}. */
final class RegistryRestHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryRestHandler.class);

    /** A parsed request: path parameters by name, query parameters, raw body. */
    private record Call(Map<String, String> params, Map<String, String> query, byte[] body) {
        String param(String name) {
            return params.get(name);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(query.get(name));
        }

        <T> T body(Class<T> type) {
            try {
                T value = MAPPER.readValue(body, type);
                if (value == null) {
                    throw new SchemaRegistryException(400, 400, "Request body is empty.");
                }
                return value;
            } catch (JsonProcessingException e) {
                throw new SchemaRegistryException(400, 400, "Malformed JSON request body: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A response: status, body bytes. */
    private record Reply(int status, byte[] body) {
        static Reply json(Object value) {
            try {
                return new Reply(200, MAPPER.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Reply raw(String text) {
            return new Reply(200, text.getBytes(StandardCharsets.UTF_8));
        }

        static Reply error(int status, int errorCode, String message) {
            Reply reply = json(new ErrorResponse(errorCode, message));
            return new Reply(status, reply.body());
        }
    }

    @FunctionalInterface
    private interface Endpoint {
        Reply serve(Call call);
    }

    /** A route: HTTP method and a path pattern whose {@code {name}} segments capture parameters. */
    private record Route(String method, List<String> pattern, Endpoint endpoint) {
        Map<String, String> match(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String expected = pattern.get(i);
                if (expected.startsWith("{")) {
                    params.put(expected.substring(1, expected.length() - 1), segments.get(i));
                } else if (!expected.equals(segments.get(i))) {
                    return null;
                }
            }
            return params;
        }
    }

    private final InMemorySchemaRegistry registry;
    private final String basePath;
    private final List<Route> routes = new ArrayList<>();
    private final LongAdder requests = new LongAdder();

    RegistryRestHandler(InMemorySchemaRegistry registry, String basePath) {
        this.registry = registry;
        this.basePath = basePath;
        route("GET", "", call -> Reply.json(Map.of()));
        route("GET", "/subjects", call -> Reply.json(registry.subjects()));
        route("POST", "/subjects/{subject}", this::lookup);
        route("DELETE", "/subjects/{subject}", call -> Reply.json(registry.deleteSubject(call.param("subject"))));
        route("GET", "/subjects/{subject}/versions", call -> Reply.json(registry.versions(call.param("subject"))));
        route("POST", "/subjects/{subject}/versions", this::register);
        route("GET", "/subjects/{subject}/versions/{version}", call -> Reply.json(toResponse(version(call))));
        route("GET", "/subjects/{subject}/versions/{version}/schema", call -> Reply.raw(version(call).schema().toString()));
        route("GET", "/schemas/ids/{id}", call -> Reply.json(new SchemaResponse(schemaById(call).toString(), null, null)));
        route("GET", "/schemas/ids/{id}/schema", call -> Reply.raw(schemaById(call).toString()));
        route("POST", "/compatibility/subjects/{subject}/versions/{version}", this::compatibilityWithVersion);
        route("POST", "/compatibility/subjects/{subject}/versions", this::compatibilityWithAllVersions);
        route("GET", "/config", call -> Reply.json(new ConfigResponse(registry.globalCompatibility().name())));
        route("PUT", "/config", this::updateGlobalConfig);
        route("GET", "/config/{subject}", this::subjectConfig);
        route("PUT", "/config/{subject}", this::updateSubjectConfig);
        route("DELETE", "/config/{subject}", this::deleteSubjectConfig);
    }

    long requestCount() {
        return requests.sum();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.increment();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                reply = dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), body);
            } catch (SchemaRegistryException e) {
                reply = Reply.error(e.status(), e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Schema Registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = Reply.error(500, SchemaRegistryException.INTERNAL_ERROR, "Internal error: " + e);
            }
            exchange.getResponseHeaders().set("Content-Type", RestModel.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            exchange.getResponseBody().write(reply.body());
        }
    }

    private Reply dispatch(String method, String rawPath, String rawQuery, byte[] body) {
        if (!rawPath.startsWith(basePath)) {
            return notFound();
        }
        String relative = rawPath.substring(basePath.length());
        if (!relative.isEmpty() && !relative.startsWith("/")) {
            return notFound();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : relative.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params != null) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return route.endpoint().serve(new Call(params, parseQuery(rawQuery), body));
                }
            }
        }
        return pathKnown ? Reply.error(405, 405, "HTTP 405 Method Not Allowed") : notFound();
    }

    private Reply register(Call call) {
        String subject = call.param("subject");
        return Reply.json(new IdResponse(registry.register(subject, parseSchema(call.body(SchemaRequest.class)))));
    }

    private Reply lookup(Call call) {
        String subject = call.param("subject");
        Schema schema = parseSchema(call.body(SchemaRequest.class));
        return Reply.json(toResponse(registry.lookup(subject, schema)));
    }

    private Reply compatibilityWithVersion(Call call) {
        Schema schema = parseSchema(call.body(SchemaRequest.class));
        int version = parseVersion(call.param("version"));
        return compatibility(call, registry.incompatibilities(call.param("subject"), schema, version));
    }

    private Reply compatibilityWithAllVersions(Call call) {
        Schema schema = parseSchema(call.body(SchemaRequest.class));
        return compatibility(call, registry.incompatibilitiesWithAllVersions(call.param("subject"), schema));
    }

    private static Reply compatibility(Call call, List<String> problems) {
        return Reply.json(new CompatibilityResponse(problems.isEmpty(), call.flag("verbose") ? problems : null));
    }

    private Reply updateGlobalConfig(Call call) {
        CompatibilityLevel level = CompatibilityLevel.parse(call.body(ConfigUpdate.class).compatibility());
        registry.setGlobalCompatibility(level);
        return Reply.json(new ConfigUpdate(level.name()));
    }

    private Reply subjectConfig(Call call) {
        String subject = call.param("subject");
        CompatibilityLevel level = registry.subjectCompatibility(subject).orElseGet(() -> {
            if (call.flag("defaultToGlobal")) {
                return registry.globalCompatibility();
            }
            throw subjectCompatibilityNotConfigured(subject);
        });
        return Reply.json(new ConfigResponse(level.name()));
    }

    private Reply updateSubjectConfig(Call call) {
        CompatibilityLevel level = CompatibilityLevel.parse(call.body(ConfigUpdate.class).compatibility());
        registry.setSubjectCompatibility(call.param("subject"), level);
        return Reply.json(new ConfigUpdate(level.name()));
    }

    private Reply deleteSubjectConfig(Call call) {
        String subject = call.param("subject");
        CompatibilityLevel previous = registry.clearSubjectCompatibility(subject)
                .orElseThrow(() -> subjectCompatibilityNotConfigured(subject));
        return Reply.json(new ConfigResponse(previous.name()));
    }

    private RegisteredSchema version(Call call) {
        return registry.schemaVersion(call.param("subject"), parseVersion(call.param("version")));
    }

    private Schema schemaById(Call call) {
        String id = call.param("id");
        try {
            return registry.schemaById(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.schemaNotFound("Schema " + id + " not found.");
        }
    }

    /** Parses an AVRO schema, first defining the named types of its references (taken from their subjects). */
    private Schema parseSchema(SchemaRequest request) {
        if (request.schema() == null || request.schema().isBlank()) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: the request has no schema.", null);
        }
        if (request.schemaType() != null && !"AVRO".equalsIgnoreCase(request.schemaType())) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: schemaType '" + request.schemaType()
                    + "' is not supported; this registry stores AVRO schemas only.", null);
        }
        Schema.Parser parser = new Schema.Parser();
        try {
            for (SchemaReference reference : request.references() == null ? List.<SchemaReference>of() : request.references()) {
                int version = reference.version() == null ? InMemorySchemaRegistry.LATEST : reference.version();
                parser.parse(registry.schemaVersion(reference.subject(), version).schema().toString());
            }
            return parser.parse(request.schema());
        } catch (SchemaRegistryException e) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: a reference cannot be resolved: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: " + e.getMessage(), e);
        }
    }

    private static int parseVersion(String version) {
        if ("latest".equals(version)) {
            return InMemorySchemaRegistry.LATEST;
        }
        try {
            int parsed = Integer.parseInt(version);
            if (parsed == InMemorySchemaRegistry.LATEST || parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static SubjectVersionResponse toResponse(RegisteredSchema registered) {
        return new SubjectVersionResponse(registered.subject(), registered.version(), registered.id(),
                registered.schema().toString(), null, null);
    }

    private static SchemaRegistryException subjectCompatibilityNotConfigured(String subject) {
        return new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    private static Reply notFound() {
        return Reply.error(404, 404, "HTTP 404 Not Found");
    }

    private void route(String method, String pattern, Endpoint endpoint) {
        List<String> segments = pattern.isEmpty() ? List.of() : List.of(pattern.substring(1).split("/"));
        routes.add(new Route(method, segments, endpoint));
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    /** Percent-decodes a URI component; a literal '+' stays a '+' (it is not a space in paths). */
    private static String decode(String component) {
        return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
