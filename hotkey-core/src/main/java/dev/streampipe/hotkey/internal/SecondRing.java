package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.RateMode;
import java.util.Arrays;

/**
 * Exact unit and operation counts per epoch second (WCU and writes; for a key's read ring,
 * half-RCUs and reads) for the last {@code length} seconds up to the
 * newest second written ({@code head}), a power-of-two ring of at least window + 1 slots so the
 * window's full seconds and the current partial second are all held. A slot holds second
 * {@code s} iff {@code head - length < s <= head}; writes for older seconds are dropped.
 * Not thread-safe: the owner locks.
 */
final class SecondRing {

    private final int[] wcu;
    private final int[] writes;
    private final int mask;
    private long head;
    private long firstSecond;

    SecondRing(int windowSeconds, long firstSecond) {
        int length = Integer.highestOneBit(windowSeconds) << 1;
        this.wcu = new int[length];
        this.writes = new int[length];
        this.mask = length - 1;
        this.head = firstSecond;
        this.firstSecond = firstSecond;
    }

    /** Adds one write of {@code units} WCU at {@code second}; false if too old to hold. */
    boolean add(long second, int units) {
        if (second > head) {
            advance(second);
        } else if (second <= head - wcu.length) {
            return false;
        }
        if (second < firstSecond) {
            firstSecond = second;
        }
        int slot = (int) second & mask;
        wcu[slot] = saturatedAdd(wcu[slot], units);
        writes[slot] = saturatedAdd(writes[slot], 1);
        return true;
    }

    private void advance(long second) {
        if (second - head >= wcu.length) {
            Arrays.fill(wcu, 0);
            Arrays.fill(writes, 0);
        } else {
            for (long s = head + 1; s <= second; s++) {
                int slot = (int) s & mask;
                wcu[slot] = 0;
                writes[slot] = 0;
            }
        }
        head = second;
    }

    /** WCU recorded at {@code second}, 0 if not held. */
    int wcuAt(long second) {
        return holds(second) ? wcu[(int) second & mask] : 0;
    }

    /** Writes recorded at {@code second}, 0 if not held. */
    int writesAt(long second) {
        return holds(second) ? writes[(int) second & mask] : 0;
    }

    private boolean holds(long second) {
        return second <= head && second > head - wcu.length;
    }

    /** Units and operations summed over {@code [now - windowSeconds + 1, now]}: {@code out[0] += units, out[1] += ops}. */
    void sumWindow(long nowSecond, int windowSeconds, long[] out, int offset) {
        for (long s = nowSecond - windowSeconds + 1; s <= nowSecond; s++) {
            out[offset] += wcuAt(s);
            out[offset + 1] += writesAt(s);
        }
    }

    /** The earliest second written since tracking began. */
    long firstSecond() {
        return firstSecond;
    }

    /** True when nothing was written in {@code [now - windowSeconds, now]}. */
    boolean isIdle(long nowSecond, int windowSeconds) {
        return head < nowSecond - windowSeconds;
    }

    /**
     * Rates at {@code nowSecond}: last second = max(current partial second, last full second);
     * window average = sum of full seconds {@code [now - window, now - 1]} ÷ the number of those
     * seconds since tracking began (1..window); combined by {@code mode}.
     */
    Rates measure(long nowSecond, int windowSeconds, RateMode mode) {
        double lastWcu = Math.max(wcuAt(nowSecond), wcuAt(nowSecond - 1));
        double lastWrites = Math.max(writesAt(nowSecond), writesAt(nowSecond - 1));
        long sumWcu = 0;
        long sumWrites = 0;
        for (long s = Math.max(nowSecond - windowSeconds, head - wcu.length + 1); s <= Math.min(nowSecond - 1, head); s++) {
            int slot = (int) s & mask;
            sumWcu += wcu[slot];
            sumWrites += writes[slot];
        }
        long observed = Math.max(1, Math.min(windowSeconds, nowSecond - firstSecond));
        return Rates.ofWrites(
                mode.combine(lastWcu, (double) sumWcu / observed),
                mode.combine(lastWrites, (double) sumWrites / observed));
    }

    private static int saturatedAdd(int a, int b) {
        int sum = a + b;
        return sum < 0 ? Integer.MAX_VALUE : sum;
    }
}
