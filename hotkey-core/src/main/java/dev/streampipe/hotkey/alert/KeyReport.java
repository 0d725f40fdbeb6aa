package dev.streampipe.hotkey.alert;

import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Mitigation;
import java.util.Objects;

/**
 * One key as listed in metrics snapshots and alert messages.
 *
 * @param key               partition key
 * @param wcuPerSecond      observed WCU/s
 * @param writesPerSecond   observed writes/s
 * @param state             alert state
 * @param writeShardsNeeded write shards that would keep this key's rate at the target utilization of
 *                          the 1,000 WCU/s partition limit ({@link Mitigation#writeShardsNeeded})
 */
public record KeyReport(String key, double wcuPerSecond, double writesPerSecond, KeyState state, int writeShardsNeeded) {

    public KeyReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
    }

    /** Observed WCU/s as a fraction of the 1,000 WCU/s partition limit. */
    public double partitionUtilization() {
        return wcuPerSecond / Mitigation.PARTITION_WCU_LIMIT;
    }
}
