package dev.streampipe.monitor;

import java.time.Duration;

/** Runs a numbered action at a steady rate, as a load generator. */
final class Pacer {

    @FunctionalInterface
    interface Action {
        void run(long n) throws Exception;
    }

    private Pacer() {
    }

    /** Calls {@code action} at about {@code perSecond} for {@code duration}; returns the calls made. */
    static long run(int perSecond, Duration duration, Action action) throws Exception {
        return run(perSecond, duration, Long.MAX_VALUE, action);
    }

    /** As {@link #run(int, Duration, Action)}, stopping early after {@code limit} calls. */
    static long run(int perSecond, Duration duration, long limit, Action action) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long n = 0;
        while (System.nanoTime() < end && n < limit) {
            long wait = start + n * 1_000_000_000L / perSecond - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            action.run(n++);
        }
        return n;
    }
}
