package dev.streampipe.hotkey;

import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives an engine one simulated second at a time: writes spread evenly over the second, then
 * the clock moves to the next whole second and the engine is evaluated, as the monitor does.
 */
final class Simulation {

    static final String TABLE = "chat";
    static final String SHARD = "shardId-0001";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final ManualClock clock = new ManualClock(START);
    final HotKeyEngine engine;
    final List<AlertTransition> transitions = new ArrayList<>();

    Simulation(HotKeyConfig config) {
        this.engine = HotKeyEngine.create(config, clock);
    }

    /** Writes {@code writesPerKey} items of {@code sizeBytes} during the current second, then evaluates at its end. */
    List<AlertTransition> second(Map<String, Integer> writesPerKey, long sizeBytes) {
        Instant secondStart = clock.instant();
        writesPerKey.forEach((key, writes) -> {
            for (int i = 0; i < writes; i++) {
                engine.record(TABLE, key, SHARD, sizeBytes, secondStart.plusNanos(1_000_000_000L * i / writes));
            }
        });
        clock.advance(Duration.ofSeconds(1));
        List<AlertTransition> emitted = engine.evaluate();
        transitions.addAll(emitted);
        return emitted;
    }

    /** {@code seconds} seconds of {@code writes} 1 KB writes per second to one key. */
    void steady(String key, int writes, int seconds) {
        for (int i = 0; i < seconds; i++) {
            second(Map.of(key, writes), 1_000);
        }
    }

    /** Seconds elapsed since {@link #START}. */
    long elapsedSeconds() {
        return Duration.between(START, clock.instant()).toSeconds();
    }

    static long secondsSinceStart(AlertTransition transition) {
        return Duration.between(START, transition.at()).toSeconds();
    }
}
