package dev.streampipe.aws.internal;

/**
 * An API's batch limits: entries per call, bytes per call, bytes per entry.
 */
public record BatchLimits(int maxEntries, long maxCallBytes, long maxEntryBytes) {
    public static final BatchLimits FIREHOSE = new BatchLimits(500, 4L * 1024 * 1024, 1_000L * 1024);
    public static final BatchLimits SNS = new BatchLimits(10, 256L * 1024, 256L * 1024);
    public static final BatchLimits EVENTBRIDGE = new BatchLimits(10, 256L * 1024, 256L * 1024);
    public static final BatchLimits SQS = new BatchLimits(10, 256L * 1024, 256L * 1024);
    /** Asynchronous Invoke, one message per call (the body is the payload). */
    public static final BatchLimits LAMBDA_ASYNC = new BatchLimits(1, 256L * 1024, 256L * 1024);
    /**
     * Asynchronous Invoke carrying many messages in one payload of at most 1 MiB (the envelope included); the API
     * counts bytes, not entries.
     */
    public static final BatchLimits LAMBDA_ASYNC_BATCHED = new BatchLimits(Integer.MAX_VALUE, 1024L * 1024,
            1024L * 1024);

    public BatchLimits {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        if (maxEntryBytes < 1 || maxCallBytes < maxEntryBytes) {
            throw new IllegalArgumentException("need 1 <= maxEntryBytes <= maxCallBytes, was " + maxEntryBytes
                    + " and " + maxCallBytes);
        }
    }
}
