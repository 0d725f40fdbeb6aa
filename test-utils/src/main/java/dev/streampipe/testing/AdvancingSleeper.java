package dev.streampipe.testing;

import dev.streampipe.core.batch.Sleeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Sleeper} that never sleeps: it moves a {@link ManualClock} by the wait and counts. Thread-safe. */
public final class AdvancingSleeper implements Sleeper {
    private final ManualClock clock;
    private final AtomicInteger sleeps = new AtomicInteger();
    private final AtomicLong sleptNanos = new AtomicLong();

    public AdvancingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        clock.advance(duration);
        sleeps.incrementAndGet();
        sleptNanos.addAndGet(duration.toNanos());
    }

    /** How many waits were asked for. */
    public int sleeps() {
        return sleeps.get();
    }

    /** The sum of all waits. */
    public Duration slept() {
        return Duration.ofNanos(sleptNanos.get());
    }
}
