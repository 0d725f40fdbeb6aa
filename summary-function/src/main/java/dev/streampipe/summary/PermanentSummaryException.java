package dev.streampipe.summary;

/**
 * A failure that retrying will not fix: a malformed request, a corrupt turn item, a request the model
 * rejects (validation, access denied, unknown model). The message names the offending value or item.
 *
 * <p>The handler rethrows it too (Lambda cannot be told not to retry an asynchronous invocation), so it
 * ends in the on-failure destination; the retries in between fail the same way without writing anything.
 */
public final class PermanentSummaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermanentSummaryException(String message) {
        super(message);
    }

    public PermanentSummaryException(String message, Throwable cause) {
        super(message, cause);
    }
}
