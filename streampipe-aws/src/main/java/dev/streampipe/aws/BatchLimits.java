package dev.streampipe.aws;

/**
 * An API's batch limits: entries per call, bytes per call, bytes per entry.
 */
public record BatchLimits(int maxEntries, long maxCallBytes, long maxEntryBytes) {
    public static final BatchLimits FIREHOSE = new BatchLimits(500, 4L * 1024 * 1024, 1_000L * 1024);
    public static final BatchLimits SNS = new BatchLimits(10, 256L * 1024, 256L * 1024);
    public static final BatchLimits EVENTBRIDGE = new BatchLimits(10, 256L * 1024, 256L * 1024);
    public static final BatchLimits SQS = new BatchLimits(10, 256L * 1024, 256L * 1024);
    public static final BatchLimits LAMBDA_ASYNC = new BatchLimits(1, 256L * 1024, 256L * 1024);

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
