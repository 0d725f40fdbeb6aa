package dev.streampipe.core.record;

/**
 * An attribute of a record cannot be read as asked: it has another type than the caller needs, or its stored bytes
 * are bad. A fact about the data, not a bug: a route that meets one treats the record as poison for itself.
 */
public final class InvalidAttributeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidAttributeException(String message) {
        super(message);
    }
}
