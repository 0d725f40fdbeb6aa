package dev.streampipe.hotkey;

/**
 * How the engine turns its ring of one-second buckets into the rate compared with thresholds.
 *
 * <p>"Last second" is the larger of the current (partial) second and the last full second: a
 * partial second can only grow, so it is a lower bound of that second's rate and lets an alert
 * fire before the second ends. "Window average" is the sum of the window's full seconds divided
 * by the number of those seconds the key has been tracked (at most the window length).
 */
public enum RateMode {
    /** Per-second peak only: fastest to alert and to recover. */
    LAST_SECOND,
    /** Window average only: smooth, but alerts a window late on a step change. */
    WINDOW_AVERAGE,
    /** The larger of the two (default): alerts within a second, recovers only once the window cools. */
    MAX_OF_LAST_SECOND_AND_AVERAGE;

    /** The rate compared with thresholds, from the last-second rate and the window average. */
    public double combine(double lastSecond, double windowAverage) {
        return switch (this) {
            case LAST_SECOND -> lastSecond;
            case WINDOW_AVERAGE -> windowAverage;
            case MAX_OF_LAST_SECOND_AND_AVERAGE -> Math.max(lastSecond, windowAverage);
        };
    }
}
