package dev.streampipe.core.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How long the current invocation has left. Sinks stop retrying before it runs out. */
@FunctionalInterface
public interface Deadline {
    Duration remaining();

    static Deadline at(Instant end, Clock clock) {
        return () -> Duration.between(clock.instant(), end);
    }

    static Deadline after(Duration budget, Clock clock) {
        return at(clock.instant().plus(budget), clock);
    }

    default boolean allows(Duration wait, Duration margin) {
        return remaining().compareTo(wait.plus(margin)) > 0;
    }
}
