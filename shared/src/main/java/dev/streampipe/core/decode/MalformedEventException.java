package dev.streampipe.core.decode;

/**
 * The event as a whole cannot be read (not JSON, or no {@code Records} array), so no record can be told apart
 * from another. Individual bad records never cause this: they become {@link DecodeOutcome.Malformed}.
 */
public final class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}
