package dev.streampipe.summary;

/**
 * A failure expected to heal by itself: the window's turns are not all written yet, the model or
 * DynamoDB throttled, a service was unavailable, the network failed.
 *
 * <p>The handler rethrows it, so Lambda's asynchronous retry re-invokes the function (by default twice,
 * about one and then two minutes later) before the event goes to the on-failure destination. Retrying
 * is safe: nothing was written, and the summary put is conditional.
 */
public final class RetryableSummaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryableSummaryException(String message) {
        super(message);
    }

    public RetryableSummaryException(String message, Throwable cause) {
        super(message, cause);
    }
}
