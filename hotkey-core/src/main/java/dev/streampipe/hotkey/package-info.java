/**
 * The hot-key engine: sliding-window WCU/s and writes/s per partition key and per stream shard,
 * in bounded memory, with thresholds (default, per table, per key prefix), an
 * {@code OK → HOT → RECOVERED → OK} alert state machine with hysteresis and cooldown, DynamoDB
 * item-size and write-unit arithmetic ({@link dev.streampipe.core.hotkey.ItemSize},
 * {@link dev.streampipe.core.hotkey.WriteUnits}) and the write-sharding mitigation
 * ({@link dev.streampipe.core.hotkey.Mitigation}).
 *
 * <p>Pure Java: no AWS types. The monitor adapter feeds
 * {@link dev.streampipe.core.hotkey.HotKeyEngine#record} from stream records, calls
 * {@link dev.streampipe.core.hotkey.HotKeyEngine#evaluate} about once a second, and publishes
 * the returned {@link dev.streampipe.core.hotkey.AlertTransition}s and the top keys and shards.
 * Package-private classes are the engine's internals (sketch, rings, stripes, state machine).
 */
package dev.streampipe.core.hotkey;
