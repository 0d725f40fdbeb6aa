package dev.streampipe.core.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StateStore} must know of one store: its name (the aggregation's), the measures each value holds, in
 * order, the windows of a windowed aggregation and over how many items each group's writes are spread.
 *
 * @param windowsOrNull {@code null} for a table aggregation
 * @param writeShards   1 or more: a group's value is the sum of this many items, each batch writing one of them
 */
public record StoreSpec(String name, List<String> measures, TimeWindows windowsOrNull, int writeShards) {
    public StoreSpec {
        Objects.requireNonNull(name, "name");
        measures = List.copyOf(measures);
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("store '" + name + "' has no measure");
        }
        if (writeShards < 1 || writeShards > 100) {
            throw new IllegalArgumentException("write shards must be 1..100, was " + writeShards);
        }
    }

    /**
     * The write shard (0 .. writeShards-1) batch {@code batchId} writes this store's groups to: fixed per batch id,
     * so a later delivery of the same batch replaces its contribution in the same items, and spread evenly over the
     * batches of every shard.
     */
    public int writeShardOf(String batchId) {
        if (writeShards == 1) {
            return 0;
        }
        int h = batchId.hashCode();
        h ^= (h >>> 16);
        h *= 0x45d9f3b;
        h ^= (h >>> 16);
        return Math.floorMod(h, writeShards);
    }

    public Optional<TimeWindows> windows() {
        return Optional.ofNullable(windowsOrNull);
    }
}
