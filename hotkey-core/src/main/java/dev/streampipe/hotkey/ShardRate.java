package dev.streampipe.hotkey;

/**
 * Observed rate of one stream shard (a stream shard approximates a physical partition).
 *
 * @param table           table name
 * @param shardId         stream shard id
 * @param wcuPerSecond    WCU/s
 * @param writesPerSecond writes/s
 */
public record ShardRate(String table, String shardId, double wcuPerSecond, double writesPerSecond) {
}
