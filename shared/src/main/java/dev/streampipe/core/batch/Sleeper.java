package dev.streampipe.core.batch;

import java.time.Duration;

/** Waits between retries. Injected so tests move a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
