package dev.streampipe.hotkey;

/**
 * A hot-key threshold: a key is hot when any observed rate exceeds its limit.
 *
 * <p>All limits are per second and must be positive; {@link #UNLIMITED} (positive infinity)
 * disables a limit. Every write consumes at least one WCU and every read at least half an RCU,
 * so a writes/s (reads/s) limit only matters when it is lower than the WCU/s (2 × RCU/s) limit.
 * Read limits are compared with RCU/s against DynamoDB's 3,000 RCU/s partition limit, write
 * limits with WCU/s against its 1,000 WCU/s limit. The stream monitor sees writes only, so its
 * read limits never trip; the client-side detector sees both.
 *
 * @param wcuPerSecond    write capacity units per second above which the key is hot
 * @param writesPerSecond writes per second above which the key is hot
 * @param rcuPerSecond    read capacity units per second above which the key is hot
 * @param readsPerSecond  reads per second above which the key is hot
 */
public record Threshold(double wcuPerSecond, double writesPerSecond, double rcuPerSecond, double readsPerSecond) {

    /** A limit that never trips. */
    public static final double UNLIMITED = Double.POSITIVE_INFINITY;

    public Threshold {
        requirePositive("wcuPerSecond", wcuPerSecond);
        requirePositive("writesPerSecond", writesPerSecond);
        requirePositive("rcuPerSecond", rcuPerSecond);
        requirePositive("readsPerSecond", readsPerSecond);
    }

    /** A write-only threshold (read limits {@link #UNLIMITED}). */
    public Threshold(double wcuPerSecond, double writesPerSecond) {
        this(wcuPerSecond, writesPerSecond, UNLIMITED, UNLIMITED);
    }

    /** A threshold on WCU/s only. */
    public static Threshold ofWcu(double wcuPerSecond) {
        return new Threshold(wcuPerSecond, UNLIMITED);
    }

    /** A threshold on writes/s only. */
    public static Threshold ofWrites(double writesPerSecond) {
        return new Threshold(UNLIMITED, writesPerSecond);
    }

    /** A threshold on both WCU/s and writes/s. */
    public static Threshold of(double wcuPerSecond, double writesPerSecond) {
        return new Threshold(wcuPerSecond, writesPerSecond);
    }

    /** A threshold on RCU/s only. */
    public static Threshold ofRcu(double rcuPerSecond) {
        return new Threshold(UNLIMITED, UNLIMITED, rcuPerSecond, UNLIMITED);
    }

    /** A copy with this RCU/s limit. */
    public Threshold withRcu(double limit) {
        return new Threshold(wcuPerSecond, writesPerSecond, limit, readsPerSecond);
    }

    /** A copy with this reads/s limit. */
    public Threshold withReads(double limit) {
        return new Threshold(wcuPerSecond, writesPerSecond, rcuPerSecond, limit);
    }

    /** True when either write rate is strictly above its limit. */
    public boolean isExceededBy(double observedWcuPerSecond, double observedWritesPerSecond) {
        return observedWcuPerSecond > wcuPerSecond || observedWritesPerSecond > writesPerSecond;
    }

    /** True when any of the four rates is strictly above its limit. */
    public boolean isExceededBy(double wcu, double writes, double rcu, double reads) {
        return isExceededBy(wcu, writes) || rcu > rcuPerSecond || reads > readsPerSecond;
    }

    /** True when both write rates are strictly below {@code fraction} of their limits. */
    public boolean isClearedBy(double observedWcuPerSecond, double observedWritesPerSecond, double fraction) {
        return observedWcuPerSecond < wcuPerSecond * fraction
                && observedWritesPerSecond < writesPerSecond * fraction;
    }

    /** True when all four rates are strictly below {@code fraction} of their limits. */
    public boolean isClearedBy(double wcu, double writes, double rcu, double reads, double fraction) {
        return isClearedBy(wcu, writes, fraction) && rcu < rcuPerSecond * fraction && reads < readsPerSecond * fraction;
    }

    /** The lower write limit in WCU (a write is at least 1 WCU); write admission is relative to it. */
    double lowestLimit() {
        return Math.min(wcuPerSecond, writesPerSecond);
    }

    /** The lower read limit in half-RCUs (a read is at least half an RCU); read admission is relative to it. */
    double lowestReadLimitHalves() {
        return Math.min(rcuPerSecond * 2, readsPerSecond);
    }

    private static void requirePositive(String name, double value) {
        if (Double.isNaN(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 (or Threshold.UNLIMITED), was " + value);
        }
    }
}
