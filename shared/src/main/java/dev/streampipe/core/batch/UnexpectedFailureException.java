package dev.streampipe.core.batch;

/**
 * Our own code threw something that is neither retryable ({@link RetryableSinkException}) nor permanent
 * ({@link dev.streampipe.core.topology.PoisonRecordException}): a bug. The batch engine does not guess: it fails the
 * whole batch with this exception (the cause carries the original stack trace), so the invocation ends in a function
 * error and Lambda's retry, bisect and on-failure destination apply.
 */
public final class UnexpectedFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnexpectedFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
