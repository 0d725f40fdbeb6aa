package dev.streampipe.core.hotkey;

/**
 * Exact per-second counts of one stream shard. Shards are few (one per physical partition),
 * so they are all counted exactly; an idle shard is retired and replaced on its next write.
 */
final class ShardCounter {

    private final SecondRing ring;
    private boolean retired;

    ShardCounter(int windowSeconds, long firstSecond) {
        this.ring = new SecondRing(windowSeconds, firstSecond);
    }

    /** Outcome of {@link #add}. */
    enum Added { COUNTED, TOO_LATE, RETIRED }

    /** Adds a write; {@code RETIRED} means the caller must retry on a fresh counter. */
    synchronized Added add(long second, int units) {
        if (retired) {
            return Added.RETIRED;
        }
        return ring.add(second, units) ? Added.COUNTED : Added.TOO_LATE;
    }

    /** Retires the counter if it saw no write within the window; true if retired. */
    synchronized boolean retireIfIdle(long nowSecond, int windowSeconds) {
        retired = ring.isIdle(nowSecond, windowSeconds);
        return retired;
    }

    synchronized Rates measure(long nowSecond, int windowSeconds, RateMode mode) {
        return ring.measure(nowSecond, windowSeconds, mode);
    }
}
