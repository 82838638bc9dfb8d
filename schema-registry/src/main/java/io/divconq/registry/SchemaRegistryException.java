package io.divconq.registry;

/**
 * A Schema Registry call failed. Carries the HTTP status and the Confluent {@code error_code}
 * (the same numbers a Confluent registry answers with), so callers can tell "not found" from "incompatible".
 * Messages never contain credentials.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status used when no HTTP response was received at all (connection refused, timeout, interrupted). */
    public static final int NO_RESPONSE = 0;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int INTERNAL_ERROR = 50001;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status of the failed call, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** Confluent error code (e.g. 40403); equals the HTTP status when the server sent none. */
    public int errorCode() {
        return errorCode;
    }

    static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static SchemaRegistryException versionNotFound(String subject, int version) {
        return new SchemaRegistryException(404, VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    static SchemaRegistryException schemaNotFound(String detail) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, detail);
    }

    static SchemaRegistryException incompatible(String detail) {
        return new SchemaRegistryException(409, INCOMPATIBLE_SCHEMA, detail);
    }

    static SchemaRegistryException invalidSchema(String detail, Throwable cause) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, detail, cause);
    }
}
