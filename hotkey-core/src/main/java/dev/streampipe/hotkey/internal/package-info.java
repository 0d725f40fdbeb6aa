/**
 * The engine's internals, not API: per table ({@link dev.streampipe.hotkey.internal.TableState}) lock-striped key
 * stripes, each with a Count-Min sketch, candidate keys with exact one-second rings and shard rings; the traffic
 * history and key ledger the throughput advice reads; and the per-key alert state machine
 * ({@link dev.streampipe.hotkey.internal.AlertPolicy}). Only what {@link dev.streampipe.hotkey.HotKeyEngine} calls is
 * public; everything else is package-private. Use the engine, never these classes: they change without notice.
 */
package dev.streampipe.hotkey.internal;
