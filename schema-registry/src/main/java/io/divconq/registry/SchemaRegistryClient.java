package io.divconq.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need. Implemented over HTTP
 * ({@link HttpSchemaRegistryClient}) and in process ({@link InMemorySchemaRegistry}).
 * Every method throws {@link SchemaRegistryException} on failure.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. Fails with 409 if incompatible. */
    int register(String subject, Schema schema);

    /** Id of a schema already registered under {@code subject}; 404 (40401 or 40403) if it is not. */
    int lookupId(String subject, Schema schema);

    /** The schema with global id {@code id}; 404 (40403) if there is none. */
    Schema schemaById(int id);

    /** The latest version of {@code subject}, or empty if the subject has no versions. */
    Optional<RegisteredSchema> latest(String subject);

    /** Whether {@code schema} is compatible with the latest version of {@code subject} under its compatibility level. */
    boolean isCompatible(String subject, Schema schema);
}
