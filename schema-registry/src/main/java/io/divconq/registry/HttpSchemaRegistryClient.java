package io.divconq.registry;

import io.divconq.util.DaemonThreads;

import static io.divconq.registry.RestModel.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.divconq.registry.RestModel.CompatibilityResponse;
import io.divconq.registry.RestModel.ErrorResponse;
import io.divconq.registry.RestModel.IdResponse;
import io.divconq.registry.RestModel.SchemaReference;
import io.divconq.registry.RestModel.SchemaRequest;
import io.divconq.registry.RestModel.SchemaResponse;
import io.divconq.registry.RestModel.SubjectVersionResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over Confluent's REST API, so it works against Confluent Schema Registry,
 * Apicurio's ccompat API (base URL {@code http://host:8080/apis/ccompat/v7}) and Karapace.
 * Ids and schemas are cached forever (they are immutable in a registry), so after the first call per
 * subject and schema the serdes make no HTTP calls. Optional HTTP basic auth ({@code user:password});
 * credentials are never logged nor put in messages or {@link #toString()}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final String ACCEPT = RestModel.CONTENT_TYPE
            + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_ERROR_BODY_CHARS = 200;

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final String baseUrl;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idCache = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaCache = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(String baseUrl, Optional<String> basicAuthUserInfo) {
        this(baseUrl, basicAuthUserInfo, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param baseUrl           http(s) URL of the API, with or without a path prefix and trailing slash; user info
     *                          in it ({@code https://user:pw@host}) is used for basic auth unless given explicitly
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth (e.g. a Confluent Cloud API key and secret);
     *                          blank counts as absent
     */
    public HttpSchemaRegistryClient(String baseUrl, Optional<String> basicAuthUserInfo,
                                    Duration connectTimeout, Duration requestTimeout) {
        URI uri = parseBaseUrl(baseUrl);
        this.baseUrl = uri.getScheme() + "://" + uri.getRawAuthority().substring(authorityUserInfoLength(uri))
                + uri.getRawPath().replaceAll("/+$", "");
        Optional<String> userInfo = basicAuthUserInfo.filter(info -> !info.isBlank()).or(() -> Optional.ofNullable(uri.getRawUserInfo())
                .map(raw -> URLDecoder.decode(raw, StandardCharsets.UTF_8)));
        userInfo.ifPresent(HttpSchemaRegistryClient::checkUserInfo);
        this.authorization = userInfo.map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.requestTimeout = requestTimeout;
        this.executor = DaemonThreads.pool("schema-registry-client", 2);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idCache.get(key);
        if (cached != null) {
            return cached;
        }
        int id = call("POST", subjectPath(subject) + "/versions", SchemaRequest.avro(schema.toString()), IdResponse.class).id();
        return remember(key, id);
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idCache.get(key);
        if (cached != null) {
            return cached;
        }
        int id = call("POST", subjectPath(subject), SchemaRequest.avro(schema.toString()), SubjectVersionResponse.class).id();
        return remember(key, id);
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemaCache.get(id);
        if (cached != null) {
            return cached;
        }
        SchemaResponse response = call("GET", "/schemas/ids/" + id, null, SchemaResponse.class);
        Schema schema = parse("schema id " + id, response.schema(), response.references());
        Schema previous = schemaCache.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            SubjectVersionResponse response = call("GET", subjectPath(subject) + "/versions/latest", null,
                    SubjectVersionResponse.class);
            Schema schema = schemaCache.get(response.id());
            if (schema == null) {
                schema = parse("schema id " + response.id(), response.schema(), response.references());
                schemaCache.putIfAbsent(response.id(), schema);
            }
            return Optional.of(new RegisteredSchema(subject, response.version(), response.id(), schema));
        } catch (SchemaRegistryException e) {
            if (hasNoVersions(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            return call("POST", "/compatibility" + subjectPath(subject) + "/versions/latest",
                    SchemaRequest.avro(schema.toString()), CompatibilityResponse.class).compatible();
        } catch (SchemaRegistryException e) {
            if (hasNoVersions(e)) {
                return true;
            }
            throw e;
        }
    }

    /** Stops the client's worker threads (they also stop by themselves when idle). */
    @Override
    public void close() {
        executor.shutdown();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient{url=" + baseUrl + ", auth=" + (authorization.isPresent() ? "basic" : "none") + "}";
    }

    private int remember(SubjectSchema key, int id) {
        idCache.put(key, id);
        schemaCache.putIfAbsent(id, key.schema());
        return id;
    }

    /** Older registries answer 40401/40402 when a subject has no versions; a bare 404 (wrong URL) is a real error. */
    private static boolean hasNoVersions(SchemaRegistryException e) {
        return e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND;
    }

    /** Parses a schema, first defining the named types its references point to (dependencies first). */
    private Schema parse(String what, String schema, List<SchemaReference> references) {
        Schema.Parser parser = new Schema.Parser();
        defineReferences(parser, references, new HashSet<>());
        try {
            return parser.parse(schema);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
                    "Schema Registry " + baseUrl + " returned " + what + " that Avro cannot parse: " + e.getMessage(), e);
        }
    }

    private void defineReferences(Schema.Parser parser, List<SchemaReference> references, Set<String> defined) {
        if (references == null) {
            return;
        }
        for (SchemaReference reference : references) {
            String version = reference.version() == null ? "latest" : reference.version().toString();
            if (defined.add(reference.subject() + "/" + version)) {
                SubjectVersionResponse referenced = call("GET", subjectPath(reference.subject()) + "/versions/" + version,
                        null, SubjectVersionResponse.class);
                defineReferences(parser, referenced.references(), defined);
                defineReferenced(parser, reference, referenced.schema());
            }
        }
    }

    private void defineReferenced(Schema.Parser parser, SchemaReference reference, String schema) {
        try {
            parser.parse(schema);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA, "Schema Registry " + baseUrl
                    + " returned referenced schema '" + reference.name() + "' that Avro cannot parse: " + e.getMessage(), e);
        }
    }

    private <T> T call(String method, String path, Object body, Class<T> responseType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : jsonBody(body));
        if (body != null) {
            request.header("Content-Type", RestModel.CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                    "Schema Registry " + baseUrl + " did not answer " + method + " " + path + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                    "Interrupted while calling Schema Registry " + baseUrl + " (" + method + " " + path + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw error(method, path, response);
        }
        try {
            return MAPPER.readValue(response.body(), responseType);
        } catch (IOException e) {
            throw new SchemaRegistryException(response.statusCode(), response.statusCode(), "Schema Registry " + baseUrl
                    + " sent an unexpected response to " + method + " " + path + ": " + describe(e), e);
        }
    }

    private SchemaRegistryException error(String method, String path, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        int errorCode = status;
        String message;
        try {
            ErrorResponse error = MAPPER.readValue(response.body(), ErrorResponse.class);
            errorCode = error.errorCode() == 0 ? status : error.errorCode();
            message = error.message();
        } catch (IOException | RuntimeException e) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            message = text.length() > MAX_ERROR_BODY_CHARS ? text.substring(0, MAX_ERROR_BODY_CHARS) + "..." : text;
        }
        return new SchemaRegistryException(status, errorCode, "Schema Registry " + baseUrl + " answered " + status
                + " (error_code " + errorCode + ") to " + method + " " + path + ": " + message);
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write request body as JSON", e);
        }
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Parses and checks the base URL; messages never echo it, since it may hold a password. */
    private static URI parseBaseUrl(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Schema Registry URL is not a valid URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Schema Registry URL must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Schema Registry URL has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Schema Registry URL must not have a query or fragment");
        }
        return uri;
    }

    private static int authorityUserInfoLength(URI uri) {
        return uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1;
    }

    private static void checkUserInfo(String userInfo) {
        if (userInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException("Schema Registry basic auth user info must look like 'user:password'");
        }
    }
}
