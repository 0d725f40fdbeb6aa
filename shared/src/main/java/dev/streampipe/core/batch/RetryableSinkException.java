package dev.streampipe.core.batch;

/** A failure that may pass: throttling, a 5xx, a timeout, time running out. The records will come again. */
public class RetryableSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryableSinkException(String message) {
        super(message);
    }

    public RetryableSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
