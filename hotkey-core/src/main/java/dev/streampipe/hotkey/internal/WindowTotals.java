package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.RateMode;

/**
 * Per-second sums of several {@link SecondRing}s over {@code [now - window, now]}, measured
 * with the same definitions as {@link SecondRing#measure}. Used for shards, whose writes are
 * spread over the key stripes. Not thread-safe: filled by one caller, one locked ring at a time.
 */
final class WindowTotals {

    private final long nowSecond;
    private final int windowSeconds;
    private final long[] wcu;
    private final long[] writes;
    private long firstSecond = Long.MAX_VALUE;

    WindowTotals(long nowSecond, int windowSeconds) {
        this.nowSecond = nowSecond;
        this.windowSeconds = windowSeconds;
        this.wcu = new long[windowSeconds + 1];
        this.writes = new long[windowSeconds + 1];
    }

    /** Adds {@code ring}'s counts; index {@code i} holds second {@code now - window + i}. */
    void add(SecondRing ring) {
        for (int i = 0; i <= windowSeconds; i++) {
            long second = nowSecond - windowSeconds + i;
            wcu[i] += ring.wcuAt(second);
            writes[i] += ring.writesAt(second);
        }
        firstSecond = Math.min(firstSecond, ring.firstSecond());
    }

    Rates measure(RateMode mode) {
        long sumWcu = 0;
        long sumWrites = 0;
        for (int i = 0; i < windowSeconds; i++) {
            sumWcu += wcu[i];
            sumWrites += writes[i];
        }
        long observed = Math.max(1, Math.min(windowSeconds, nowSecond - firstSecond));
        return Rates.ofWrites(
                mode.combine(Math.max(wcu[windowSeconds], wcu[windowSeconds - 1]), (double) sumWcu / observed),
                mode.combine(Math.max(writes[windowSeconds], writes[windowSeconds - 1]), (double) sumWrites / observed));
    }
}
