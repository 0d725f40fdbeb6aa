package dev.streampipe.core.topology;

/**
 * A record that can never succeed, however often it is retried: it goes to the dead-letter sink with this
 * message as the reason, and counts as handled.
 */
public final class PoisonRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String reason) {
        super(reason);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
