/**
 * The hot-key engine's API: sliding-window WCU/s and writes/s (and RCU/s and reads/s) per partition key and per
 * stream shard, in bounded memory ({@link dev.streampipe.hotkey.HotKeyEngine}, configured by
 * {@link dev.streampipe.hotkey.HotKeyConfig}), with thresholds (default, per table, per key prefix:
 * {@link dev.streampipe.hotkey.Threshold}, {@link dev.streampipe.hotkey.ThresholdScope}), an
 * {@code OK → HOT → RECOVERED → OK} alert state machine with hysteresis and cooldown whose changes are
 * {@link dev.streampipe.hotkey.AlertTransition}s, capacity-unit arithmetic ({@link dev.streampipe.hotkey.WriteUnits},
 * {@link dev.streampipe.hotkey.ReadUnits}, on the core's {@link dev.streampipe.core.record.ItemSize}) and the
 * write-sharding mitigation ({@link dev.streampipe.hotkey.Mitigation}).
 *
 * <p>Pure Java: no AWS types. A caller feeds {@link dev.streampipe.hotkey.HotKeyEngine#record} (the monitor, from
 * stream records) or {@link dev.streampipe.hotkey.HotKeyEngine#recordRead} and
 * {@link dev.streampipe.hotkey.HotKeyEngine#recordWriteUnits} (the client detector, from SDK calls), calls
 * {@link dev.streampipe.hotkey.HotKeyEngine#evaluate} about once a second, and publishes the returned transitions
 * and the top keys and shards ({@code dev.streampipe.hotkey.alert} does). The sketch, rings, stripes and state
 * machine behind it are in {@code dev.streampipe.hotkey.internal}, which is not API.
 */
package dev.streampipe.hotkey;
