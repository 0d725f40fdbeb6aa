/**
 * Benchmarks of the hot-key engine ({@code dev.streampipe.hotkey}) against a naive exact
 * detector: JMH throughput ({@link dev.streampipe.bench.hotkey.HotKeyBenchmark}, with
 * {@link dev.streampipe.bench.hotkey.HotKeyBaselineBenchmark} measuring the key building both
 * share) and retained heap ({@link dev.streampipe.bench.hotkey.HotKeyMemoryHarness}). The naive
 * detector lives here only, as the baseline.
 */
package dev.streampipe.bench.hotkey;
