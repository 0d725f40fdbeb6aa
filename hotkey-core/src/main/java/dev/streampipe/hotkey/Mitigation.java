package dev.streampipe.hotkey;

/**
 * Mitigation arithmetic for a hot partition key: how many write shards (key suffixes such as
 * {@code SESSION#42#3}) spread a key's peak load under DynamoDB's per-partition limit.
 */
public final class Mitigation {

    /** DynamoDB's per-partition write limit, in WCU/s. */
    public static final int PARTITION_WCU_LIMIT = 1_000;

    /** DynamoDB's per-partition read limit, in RCU/s. */
    public static final int PARTITION_RCU_LIMIT = 3_000;

    private static final double ROUNDING_SLACK = 1e-9;

    private Mitigation() {
    }

    /**
     * Write shards needed so that each shard runs at most at {@code targetUtilization} of the
     * partition limit: {@code ceil(peak ÷ (1,000 × targetUtilization))}, at least 1.
     *
     * @param peakWcuPerSecond  observed peak WCU/s of the key, finite and &gt;= 0
     * @param targetUtilization fraction of the partition limit to aim for, in (0, 1]
     */
    public static int writeShardsNeeded(double peakWcuPerSecond, double targetUtilization) {
        if (!(peakWcuPerSecond >= 0) || Double.isInfinite(peakWcuPerSecond)) {
            throw new IllegalArgumentException("peakWcuPerSecond must be finite and >= 0, was " + peakWcuPerSecond);
        }
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization must be in (0, 1], was " + targetUtilization);
        }
        double shards = peakWcuPerSecond / (PARTITION_WCU_LIMIT * targetUtilization);
        return (int) Math.max(1, Math.ceil(shards - ROUNDING_SLACK));
    }
}
