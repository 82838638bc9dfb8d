package io.divconq.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/** The JSON bodies of Confluent's Schema Registry REST API, shared by the HTTP client and the server. */
final class RestModel {

    /** Confluent's media type; clients and servers also accept plain application/json. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** Tolerates fields newer registries add (metadata, ruleSet, guid...) and omits nulls, as Confluent does. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private RestModel() {
    }

    /** A named type defined by another subject's version. */
    record SchemaReference(String name, String subject, Integer version) {
    }

    /** Body of POST /subjects/{s}/versions, POST /subjects/{s} and POST /compatibility/... */
    record SchemaRequest(String schema, String schemaType, List<SchemaReference> references) {
        static SchemaRequest avro(String schema) {
            return new SchemaRequest(schema, null, null);
        }
    }

    record IdResponse(int id) {
    }

    /** Body of GET /schemas/ids/{id}. */
    record SchemaResponse(String schema, String schemaType, List<SchemaReference> references) {
    }

    /** Body of GET /subjects/{s}/versions/{v} and POST /subjects/{s}. */
    record SubjectVersionResponse(String subject, int version, int id, String schema, String schemaType,
                                  List<SchemaReference> references) {
    }

    record CompatibilityResponse(@JsonProperty("is_compatible") boolean compatible, List<String> messages) {
    }

    /** GET /config answers with compatibilityLevel... */
    record ConfigResponse(String compatibilityLevel) {
    }

    /** ...while PUT /config takes and echoes compatibility. */
    record ConfigUpdate(String compatibility) {
    }

    record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {
    }
}
