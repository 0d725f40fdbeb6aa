package dev.streampipe.core.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Event-time windows: tumbling ({@code TimeWindows.ofSize(5 min)}) or hopping ({@code .advanceBy(1 min)}), aligned to
 * the epoch, with a grace period for late records ({@code .grace(30 s)}, default none). A record belongs to every
 * window {@code [start, start + size)} that holds its creation time; a window closes when stream time (the latest
 * creation time the aggregation has seen) reaches {@code end + grace}, and a record for a closed window is late:
 * counted, never added. Immutable.
 */
public final class TimeWindows {
    private final long sizeMillis;
    private final long advanceMillis;
    private final long graceMillis;

    private TimeWindows(long sizeMillis, long advanceMillis, long graceMillis) {
        this.sizeMillis = sizeMillis;
        this.advanceMillis = advanceMillis;
        this.graceMillis = graceMillis;
    }

    /** Tumbling windows of {@code size} (1 ms .. 7 days), no grace. */
    public static TimeWindows ofSize(Duration size) {
        long s = positiveMillis("size", size);
        if (s > Duration.ofDays(7).toMillis()) {
            throw new IllegalArgumentException("window size must be at most 7 days, was " + size);
        }
        return new TimeWindows(s, s, 0);
    }

    /** Hopping windows: a new window every {@code advance} (1 ms .. size, dividing size). */
    public TimeWindows advanceBy(Duration advance) {
        long a = positiveMillis("advance", advance);
        if (a > sizeMillis || sizeMillis % a != 0) {
            throw new IllegalArgumentException("window advance must divide the size (" + Duration.ofMillis(sizeMillis)
                    + "), was " + advance);
        }
        return new TimeWindows(sizeMillis, a, graceMillis);
    }

    /** How long after its end a window still takes late records (0 .. 1 day). */
    public TimeWindows grace(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("grace must be 0 .. 1 day, was " + grace);
        }
        return new TimeWindows(sizeMillis, advanceMillis, grace.toMillis());
    }

    public Duration size() {
        return Duration.ofMillis(sizeMillis);
    }

    public Duration advance() {
        return Duration.ofMillis(advanceMillis);
    }

    public Duration gracePeriod() {
        return Duration.ofMillis(graceMillis);
    }

    /** The starts (epoch millis) of the windows holding {@code epochMillis}, earliest first. */
    public List<Long> startsFor(long epochMillis) {
        long last = Math.floorDiv(epochMillis, advanceMillis) * advanceMillis;
        List<Long> starts = new ArrayList<>((int) (sizeMillis / advanceMillis));
        for (long s = last - sizeMillis + advanceMillis; s <= last; s += advanceMillis) {
            starts.add(s);
        }
        return starts;
    }

    /** The stream time at which the window starting at {@code start} closes: its end plus the grace period. */
    public long closesAt(long start) {
        return start + sizeMillis + graceMillis;
    }

    /** The end (exclusive, epoch millis) of the window starting at {@code start}. */
    public long endOf(long start) {
        return start + sizeMillis;
    }

    /** {@code "tumbling 5m, grace 30s"} or {@code "hopping 10m every 1m, grace 0s"}. */
    public String describe() {
        String grace = ", grace " + text(graceMillis);
        return advanceMillis == sizeMillis ? "tumbling " + text(sizeMillis) + grace
                : "hopping " + text(sizeMillis) + " every " + text(advanceMillis) + grace;
    }

    private static String text(long millis) {
        Duration d = Duration.ofMillis(millis);
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static long positiveMillis(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
            throw new IllegalArgumentException("window " + what + " must be at least 1 ms, was " + d);
        }
        return d.toMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindows w && w.sizeMillis == sizeMillis && w.advanceMillis == advanceMillis
                && w.graceMillis == graceMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sizeMillis) * 31 + Long.hashCode(advanceMillis) * 7 + Long.hashCode(graceMillis);
    }

    @Override
    public String toString() {
        return describe();
    }
}
