package dev.streampipe.hotkey;

/**
 * Observed rate of one tracked partition key, as combined by the engine's {@link RateMode}.
 *
 * @param table           table name
 * @param key             partition key
 * @param wcuPerSecond    WCU/s
 * @param writesPerSecond writes/s
 * @param rcuPerSecond    RCU/s (0 when only writes are recorded, as by the stream monitor)
 * @param readsPerSecond  reads/s
 * @param state           alert state
 * @param threshold       the threshold that applies to this key
 */
public record KeyRate(String table, String key, double wcuPerSecond, double writesPerSecond,
                      double rcuPerSecond, double readsPerSecond, KeyState state, Threshold threshold) {

    /** A rate with no reads. */
    public KeyRate(String table, String key, double wcuPerSecond, double writesPerSecond, KeyState state,
                   Threshold threshold) {
        this(table, key, wcuPerSecond, writesPerSecond, 0, 0, state, threshold);
    }

    /** Observed WCU/s as a fraction of DynamoDB's 1,000 WCU/s partition limit. */
    public double partitionUtilization() {
        return wcuPerSecond / Mitigation.PARTITION_WCU_LIMIT;
    }

    /** Observed RCU/s as a fraction of DynamoDB's 3,000 RCU/s partition limit. */
    public double readPartitionUtilization() {
        return rcuPerSecond / Mitigation.PARTITION_RCU_LIMIT;
    }
}
