package io.divconq.common.async;

/** A record that deserialised but cannot be processed (e.g. an empty question); it goes to the dead-letter topic. */
public class InvalidRecordException extends RuntimeException {
    private final String errorType;

    public InvalidRecordException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public static InvalidRecordException missingField(String field) {
        return new InvalidRecordException("missing-field", "required field '" + field + "' is missing or empty");
    }

    public String errorType() {
        return errorType;
    }
}
