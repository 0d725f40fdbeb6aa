package dev.streampipe.core.hotkey;

/**
 * A tracked key: exact per-second counts since admission plus its alert state. Owned and
 * locked by one {@link KeyStripe}.
 */
final class Candidate {

    static final long NEVER = Long.MIN_VALUE;

    final String key;
    final SecondRing ring;
    KeyState state = KeyState.OK;
    long belowSinceMillis = NEVER;
    long recoveredAtMillis = NEVER;
    Threshold threshold;
    private Thresholds resolvedFrom;
    private final long admittedSecond;
    private final int admissionEstimate;

    Candidate(String key, int windowSeconds, long admittedSecond, int admissionEstimate) {
        this.key = key;
        this.ring = new SecondRing(windowSeconds, admittedSecond);
        this.admittedSecond = admittedSecond;
        this.admissionEstimate = admissionEstimate;
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
     * Recent WCU used to pick the coldest candidate: current plus previous second, and at
     * least the sketch estimate that admitted it while still in its admission second.
     */
    long recentWcu(long second) {
        long recent = (long) ring.wcuAt(second) + ring.wcuAt(second - 1);
        return second == admittedSecond ? Math.max(recent, admissionEstimate) : recent;
    }
}
