package dev.streampipe.session;

import java.util.Optional;

/**
 * Window {@code n} of a session's rolling summaries: the turns {@code (n-1)*interval+1 .. n*interval}.
 *
 * <p>Turn numbers start at 1. Window {@code n} is closed by the turn {@code n*interval}; the router
 * triggers the summary of a window when that turn is inserted, and the summary function writes the
 * window's summary once, with the summary of window {@code n-1} as context.
 *
 * @param number   window number, 1 or more
 * @param interval turns per window, 1..{@value #MAX_INTERVAL}
 */
public record SummaryWindow(long number, int interval) {

    /** Largest interval accepted: a whole window is loaded and summarized in one call. */
    public static final int MAX_INTERVAL = 1_000;

    /**
     * @throws IllegalArgumentException if the number is below 1, the interval is outside
     *                                  1..{@value #MAX_INTERVAL}, or the last turn would overflow a long
     */
    public SummaryWindow {
        requireInterval(interval);
        if (number < 1) {
            throw new IllegalArgumentException("summary window number must be >= 1, was " + number);
        }
        if (number > Long.MAX_VALUE / interval) {
            throw new IllegalArgumentException("summary window " + number + " with interval " + interval
                    + " would end beyond turn " + Long.MAX_VALUE);
        }
    }

    /** Same as the constructor; reads better at call sites. */
    public static SummaryWindow of(long number, int interval) {
        return new SummaryWindow(number, interval);
    }

    /**
     * The window that {@code turnNumber} closes, i.e. whose last turn it is; empty for any other turn.
     *
     * @throws IllegalArgumentException if the turn number is below 1 or the interval is invalid
     */
    public static Optional<SummaryWindow> closedBy(long turnNumber, int interval) {
        requireInterval(interval);
        requireTurn(turnNumber);
        return turnNumber % interval == 0
                ? Optional.of(new SummaryWindow(turnNumber / interval, interval))
                : Optional.empty();
    }

    /**
     * The window that contains {@code turnNumber}.
     *
     * @throws IllegalArgumentException if the turn number is below 1 or the interval is invalid
     */
    public static SummaryWindow containing(long turnNumber, int interval) {
        requireInterval(interval);
        requireTurn(turnNumber);
        return new SummaryWindow((turnNumber - 1) / interval + 1, interval);
    }

    /** The first turn of this window, {@code (number-1)*interval+1}. */
    public long firstTurn() {
        return (number - 1) * interval + 1;
    }

    /** The last turn of this window, {@code number*interval}; it closes the window. */
    public long lastTurn() {
        return number * interval;
    }

    /** Whether {@code turnNumber} lies in this window. */
    public boolean contains(long turnNumber) {
        return turnNumber >= firstTurn() && turnNumber <= lastTurn();
    }

    /** The window before this one, empty for window 1. */
    public Optional<SummaryWindow> previous() {
        return number == 1 ? Optional.empty() : Optional.of(new SummaryWindow(number - 1, interval));
    }

    /** @throws IllegalArgumentException naming the value, unless {@code 1 <= interval <= MAX_INTERVAL} */
    public static void requireInterval(int interval) {
        if (interval < 1 || interval > MAX_INTERVAL) {
            throw new IllegalArgumentException("summary interval must be 1.." + MAX_INTERVAL + ", was " + interval);
        }
    }

    private static void requireTurn(long turnNumber) {
        if (turnNumber < 1) {
            throw new IllegalArgumentException("turn number must be >= 1, was " + turnNumber);
        }
    }
}
