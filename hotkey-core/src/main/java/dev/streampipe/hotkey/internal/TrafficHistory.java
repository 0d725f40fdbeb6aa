package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.Distribution;
import dev.streampipe.hotkey.KeyTraffic;
import dev.streampipe.hotkey.TrafficProfile;
import java.util.List;

/**
 * A table's totals per second for the last {@code capacity} seconds (WCU, writes, half-RCUs,
 * reads), plus running totals since the first second. Filled at evaluation with every full
 * second in order; seconds the evaluations skipped beyond the engine's window are counted in
 * {@link #missedSeconds}. Not thread-safe: the owning {@link TableState} locks.
 */
final class TrafficHistory {

    private final int capacity;
    private final int[] wcu;
    private final int[] readHalves;
    private long firstSecond = Long.MIN_VALUE;
    private long lastSecond = Long.MIN_VALUE;
    private long totalWcu;
    private long totalWrites;
    private long totalReadHalves;
    private long totalReads;
    private long missedSeconds;

    TrafficHistory(int capacity) {
        this.capacity = capacity;
        this.wcu = new int[capacity];
        this.readHalves = new int[capacity];
    }

    /** The last second recorded, or {@code Long.MIN_VALUE} before the first. */
    long lastSecond() {
        return lastSecond;
    }

    void skipTo(long second) {
        if (lastSecond != Long.MIN_VALUE && second > lastSecond + 1) {
            missedSeconds += second - lastSecond - 1;
            for (long s = lastSecond + 1; s < second && s <= lastSecond + capacity; s++) {
                int slot = slot(s);
                wcu[slot] = 0;
                readHalves[slot] = 0;
            }
            lastSecond = second - 1;
        }
    }

    void add(long second, long[] totals) {
        if (firstSecond == Long.MIN_VALUE) {
            firstSecond = second;
        }
        int slot = slot(second);
        wcu[slot] = (int) Math.min(Integer.MAX_VALUE, totals[0]);
        readHalves[slot] = (int) Math.min(Integer.MAX_VALUE, totals[2]);
        totalWcu += totals[0];
        totalWrites += totals[1];
        totalReadHalves += totals[2];
        totalReads += totals[3];
        lastSecond = second;
    }

    /** Seconds held: from the first second recorded, at most the capacity. */
    int heldSeconds() {
        return firstSecond == Long.MIN_VALUE ? 0 : (int) Math.min(capacity, lastSecond - firstSecond + 1);
    }

    TrafficProfile profile(String table, List<KeyTraffic> keys) {
        int n = heldSeconds();
        double[] w = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            long s = lastSecond - n + 1 + i;
            w[i] = wcu[slot(s)];
            r[i] = readHalves[slot(s)] / 2.0;
        }
        long from = n == 0 ? 0 : lastSecond - n + 1;
        long observed = firstSecond == Long.MIN_VALUE ? 0 : lastSecond - firstSecond + 1;
        return new TrafficProfile(table, from, n == 0 ? 0 : lastSecond, observed, missedSeconds,
                Distribution.of(w), Distribution.of(r), totalWcu, totalWrites, totalReadHalves / 2.0, totalReads, keys);
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) capacity);
    }
}
