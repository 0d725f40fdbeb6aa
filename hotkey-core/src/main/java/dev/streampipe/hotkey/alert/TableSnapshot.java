package dev.streampipe.hotkey.alert;

import dev.streampipe.hotkey.ShardRate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A table's hot-key figures at one evaluation; what the per-table CloudWatch metrics publish.
 *
 * @param table                table name (the metrics' {@code TableName} dimension)
 * @param at                   evaluation time
 * @param hotKeyCount          keys in state HOT ({@code HotKeyCount})
 * @param maxKeyWcuPerSecond   highest WCU/s of any tracked key, 0 if none ({@code MaxKeyWcuPerSecond})
 * @param maxShardWcuPerSecond highest WCU/s of any stream shard, 0 if none ({@code MaxShardWcuPerSecond})
 * @param topKeys              the hottest keys, highest first
 * @param topShards            the hottest shards, highest first
 */
public record TableSnapshot(String table, Instant at, int hotKeyCount, double maxKeyWcuPerSecond,
                            double maxShardWcuPerSecond, List<KeyReport> topKeys, List<ShardRate> topShards) {

    public TableSnapshot {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(at, "at");
        topKeys = List.copyOf(topKeys);
        topShards = List.copyOf(topShards);
    }
}
