package dev.streampipe.hotkey.internal;

import java.util.Arrays;

/**
 * Count-Min sketch with conservative update over int counters: {@code depth} rows of
 * {@code width} counters, row indices derived from one 64-bit hash by double hashing
 * (Kirsch–Mitzenmacher). Estimates never undercount; with N the total added since the last
 * {@link #clear()}, an estimate exceeds the true count by more than {@code e/width × N} with
 * probability at most {@code e^-depth}. Conservative update only tightens this. Counters
 * saturate at {@link Integer#MAX_VALUE}. Not thread-safe: the owning stripe locks.
 */
final class CountMinSketch {

    private final int[] counters;
    private final int depth;
    private final int width;
    private final int mask;

    CountMinSketch(int width, int depth) {
        if (Integer.bitCount(width) != 1 || depth < 1) {
            throw new IllegalArgumentException("width must be a power of two and depth >= 1, were " + width + ", " + depth);
        }
        this.width = width;
        this.depth = depth;
        this.mask = width - 1;
        this.counters = new int[width * depth];
    }

    /** Adds {@code units} for the key with this hash and returns the key's new estimate. */
    int addAndEstimate(long hash, int units) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        int min = Integer.MAX_VALUE;
        for (int row = 0, h = h1; row < depth; row++, h += h2) {
            min = Math.min(min, counters[row * width + (h & mask)]);
        }
        int target = min > Integer.MAX_VALUE - units ? Integer.MAX_VALUE : min + units;
        for (int row = 0, h = h1; row < depth; row++, h += h2) {
            int index = row * width + (h & mask);
            if (counters[index] < target) {
                counters[index] = target;
            }
        }
        return target;
    }

    /** The key's current estimate (&gt;= its true count). */
    int estimate(long hash) {
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        int min = Integer.MAX_VALUE;
        for (int row = 0, h = h1; row < depth; row++, h += h2) {
            min = Math.min(min, counters[row * width + (h & mask)]);
        }
        return min;
    }

    void clear() {
        Arrays.fill(counters, 0);
    }

    /** 64-bit finalizer of MurmurHash3: spreads a 32-bit hash code over 64 well-mixed bits. */
    static long mix(int hashCode) {
        long h = hashCode * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
