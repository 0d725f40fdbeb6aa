package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.RateMode;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.Thresholds;

/**
 * A tracked key: exact per-second counts since admission plus its alert state. Owned and
 * locked by one {@link KeyStripe}. Writes go to {@link #ring}; reads, in half-RCUs, to a
 * second ring created at the key's first read, so write-only keys pay nothing for reads.
 */
final class Candidate {

    static final long NEVER = Long.MIN_VALUE;

    /**
     * Load scores put reads and writes on one scale, the share of a partition: 1 WCU is 1/1,000
     * of the write limit = 6/6,000; half an RCU is 1/6,000 of the 3,000 RCU/s read limit.
     */
    static final int SCORE_PER_WCU = 6;
    static final int SCORE_PER_HALF_RCU = 1;

    final String key;
    final SecondRing ring;
    private SecondRing readRing;
    private final int windowSeconds;
    KeyState state = KeyState.OK;
    long belowSinceMillis = NEVER;
    long recoveredAtMillis = NEVER;
    Threshold threshold;
    private Thresholds resolvedFrom;
    private final long admittedSecond;
    private final long admissionScore;
    /** The last second whose counts were handed to the table's traffic ledger. */
    long harvestedThrough;

    Candidate(String key, int windowSeconds, long admittedSecond, long admissionScore) {
        this.key = key;
        this.windowSeconds = windowSeconds;
        this.ring = new SecondRing(windowSeconds, admittedSecond);
        this.admittedSecond = admittedSecond;
        this.admissionScore = admissionScore;
        this.harvestedThrough = admittedSecond - 1;
    }

    /** The read ring (half-RCUs, reads), created on first use. */
    SecondRing reads(long second) {
        if (readRing == null) {
            readRing = new SecondRing(windowSeconds, second);
        }
        return readRing;
    }

    /** Half-RCUs read at {@code second}. */
    int readHalvesAt(long second) {
        return readRing == null ? 0 : readRing.wcuAt(second);
    }

    /** Reads at {@code second}. */
    int readsAt(long second) {
        return readRing == null ? 0 : readRing.writesAt(second);
    }

    /** Write and read rates at {@code nowSecond}. */
    Rates measure(long nowSecond, RateMode mode) {
        Rates writes = ring.measure(nowSecond, windowSeconds, mode);
        return readRing == null ? writes : writes.withReads(readRing.measure(nowSecond, windowSeconds, mode));
    }

    /** True when neither writes nor reads happened in {@code [now - window, now]}. */
    boolean isIdle(long nowSecond) {
        return ring.isIdle(nowSecond, windowSeconds) && (readRing == null || readRing.isIdle(nowSecond, windowSeconds));
    }

    /** Resolves this key's threshold again when the rules changed since the last resolution. */
    void refreshThreshold(String table, Thresholds rules) {
        if (resolvedFrom != rules) {
            threshold = rules.resolve(table, key);
            resolvedFrom = rules;
        }
    }

    /** HOT and RECOVERED keys hold alert state and must not be evicted. */
    boolean isPinned() {
        return state != KeyState.OK;
    }

    /**
     * Recent load used to pick the coldest candidate, in score units: current plus previous
     * second of writes and reads, and at least the score that admitted it while still in its
     * admission second.
     */
    long recentScore(long second) {
        long recent = SCORE_PER_WCU * ((long) ring.wcuAt(second) + ring.wcuAt(second - 1))
                + SCORE_PER_HALF_RCU * ((long) readHalvesAt(second) + readHalvesAt(second - 1));
        return second == admittedSecond ? Math.max(recent, admissionScore) : recent;
    }
}
