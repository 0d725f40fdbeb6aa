package dev.streampipe.archfixture.hotkey;

import java.time.Instant;
import java.util.List;

/** Keeps to the hot-key module's rule (no AWS SDK), so {@code dev.streampipe.hotkey.ArchitectureTest} can show no false alarm. */
public final class PlainEngineClass {
    private PlainEngineClass() {
    }

    static Instant latest(List<Instant> instants) {
        return instants.stream().max(Instant::compareTo).orElse(Instant.EPOCH);
    }
}
