package dev.streampipe.core.hotkey;

/**
 * A hot-key threshold: a key is hot when its observed rate exceeds either limit.
 *
 * <p>Both limits are per second and must be positive; {@link #UNLIMITED} (positive infinity)
 * disables a limit. Every write consumes at least one WCU, so a writes/s limit only matters
 * when it is lower than the WCU/s limit.
 *
 * @param wcuPerSecond    write capacity units per second above which the key is hot
 * @param writesPerSecond writes per second above which the key is hot
 */
public record Threshold(double wcuPerSecond, double writesPerSecond) {

    /** A limit that never trips. */
    public static final double UNLIMITED = Double.POSITIVE_INFINITY;

    public Threshold {
        requirePositive("wcuPerSecond", wcuPerSecond);
        requirePositive("writesPerSecond", writesPerSecond);
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

    /** True when either rate is strictly above its limit. */
    public boolean isExceededBy(double observedWcuPerSecond, double observedWritesPerSecond) {
        return observedWcuPerSecond > wcuPerSecond || observedWritesPerSecond > writesPerSecond;
    }

    /** True when both rates are strictly below {@code fraction} of their limits. */
    public boolean isClearedBy(double observedWcuPerSecond, double observedWritesPerSecond, double fraction) {
        return observedWcuPerSecond < wcuPerSecond * fraction
                && observedWritesPerSecond < writesPerSecond * fraction;
    }

    /** The lower of the two limits; the engine admits candidates relative to it. */
    double lowestLimit() {
        return Math.min(wcuPerSecond, writesPerSecond);
    }

    private static void requirePositive(String name, double value) {
        if (Double.isNaN(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 (or Threshold.UNLIMITED), was " + value);
        }
    }
}
