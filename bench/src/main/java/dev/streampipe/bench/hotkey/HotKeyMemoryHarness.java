package dev.streampipe.bench.hotkey;

import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.KeyRate;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Retained heap of the engine and of the naive detector after N distinct keys pass within one
 * window (the naive detector's worst case: nothing can be pruned yet), plus a hot key at 10% of
 * writes whose rate both report. Each case runs in a fresh detector; heap is measured after
 * repeated full GCs. The naive detector is skipped when its estimated need exceeds the free
 * heap, and reported as such.
 *
 * <p>Run: {@code java -Xmx6g -cp bench/target/benchmarks.jar dev.streampipe.bench.hotkey.HotKeyMemoryHarness [keys...]}
 * (default 1000000 10000000).
 */
public final class HotKeyMemoryHarness {

    private static final int WINDOW_SECONDS = 10;
    private static final long NAIVE_BYTES_PER_KEY_ESTIMATE = 260;
    private static final String HOT_KEY = "SESSION#hot";

    private HotKeyMemoryHarness() {
    }

    public static void main(String[] args) {
        long[] keyCounts = args.length == 0 ? new long[] {1_000_000, 10_000_000}
                : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        System.out.printf(Locale.ROOT, "max heap %d MB, window %d s%n", Runtime.getRuntime().maxMemory() >> 20, WINDOW_SECONDS);
        for (long keys : keyCounts) {
            measureEngine(keys);
            measureNaive(keys);
        }
    }

    private static void measureEngine(long distinctKeys) {
        long baseline = usedHeapAfterGc();
        Instant end = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(WINDOW_SECONDS);
        HotKeyEngine engine = HotKeyEngine.create(HotKeyConfig.defaults(), Clock.fixed(end, ZoneOffset.UTC));
        long started = System.nanoTime();
        feed(distinctKeys, engine::record);
        long elapsed = System.nanoTime() - started;
        long retained = usedHeapAfterGc() - baseline;
        List<KeyRate> top = engine.topKeys(Workload.TABLE, 1);
        System.out.printf(Locale.ROOT, "engine keys=%,d retained=%.1f MB tracked=%d top=%s wcu/s=%.1f feed=%.2f s%n",
                distinctKeys, retained / 1e6, engine.trackedKeyCount(Workload.TABLE),
                top.isEmpty() ? "-" : top.get(0).key(), top.isEmpty() ? 0.0 : top.get(0).wcuPerSecond(), elapsed / 1e9);
    }

    private static void measureNaive(long distinctKeys) {
        long baseline = usedHeapAfterGc();
        long free = Runtime.getRuntime().maxMemory() - baseline;
        long need = distinctKeys * NAIVE_BYTES_PER_KEY_ESTIMATE * 11 / 10;
        if (need > free) {
            System.out.printf(Locale.ROOT, "naive  keys=%,d skipped: needs ~%,d MB, %,d MB free (raise -Xmx)%n",
                    distinctKeys, need >> 20, free >> 20);
            return;
        }
        NaiveHotKeyDetector naive = new NaiveHotKeyDetector(WINDOW_SECONDS, 800);
        long started = System.nanoTime();
        feed(distinctKeys, naive::record);
        long elapsed = System.nanoTime() - started;
        long retained = usedHeapAfterGc() - baseline;
        System.out.printf(Locale.ROOT, "naive  keys=%,d retained=%.1f MB tracked=%,d hot wcu/s=%.1f feed=%.2f s%n",
                distinctKeys, retained / 1e6, naive.trackedKeyCount(Workload.TABLE),
                naive.wcuRateOf(Workload.TABLE, HOT_KEY), elapsed / 1e9);
    }

    interface Sink {
        void record(String table, String key, String shard, long sizeBytes, Instant at);
    }

    /** N distinct cold keys spread evenly over one window, a 1 KB hot-key write after every 9 cold ones, 4 shards. */
    private static void feed(long distinctKeys, Sink sink) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long perSecond = Math.max(1, distinctKeys / WINDOW_SECONDS);
        String[] shards = {"shard-0", "shard-1", "shard-2", "shard-3"};
        for (long i = 0; i < distinctKeys; i++) {
            Instant at = start.plusNanos(i * 1_000_000_000L / perSecond);
            sink.record(Workload.TABLE, "SESSION#" + Long.toHexString(0x100000000L + i), shards[(int) (i & 3)], 400, at);
            if (i % 9 == 8) {
                sink.record(Workload.TABLE, HOT_KEY, shards[0], 1_000, at);
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
