package dev.streampipe.core.hotkey;

/**
 * Observed rate of one tracked partition key, as combined by the engine's {@link RateMode}.
 *
 * @param table           table name
 * @param key             partition key
 * @param wcuPerSecond    WCU/s
 * @param writesPerSecond writes/s
 * @param state           alert state
 * @param threshold       the threshold that applies to this key
 */
public record KeyRate(
        String table, String key, double wcuPerSecond, double writesPerSecond, KeyState state, Threshold threshold) {

    /** Observed WCU/s as a fraction of DynamoDB's 1,000 WCU/s partition limit. */
    public double partitionUtilization() {
        return wcuPerSecond / Mitigation.PARTITION_WCU_LIMIT;
    }
}
