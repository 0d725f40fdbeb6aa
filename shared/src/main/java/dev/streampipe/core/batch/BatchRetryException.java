package dev.streampipe.core.batch;

/**
 * The batch must be retried whole: a record failed and no sequence number at or before it could be read, so no
 * partial-batch response can express the failure. Lambda then retries (and can bisect) the batch.
 */
public final class BatchRetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BatchRetryException(String message) {
        super(message);
    }
}
