package dev.streampipe.archfixture.core;

import java.time.Instant;
import java.util.List;

/** Keeps to the pure-core rule (JDK and its own package only), so {@code ArchitectureTest} can show no false alarm. */
public final class PureCoreClass {
    private PureCoreClass() {
    }

    static Instant latest(List<Instant> instants) {
        return instants.stream().max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    static String name() {
        return PureCoreClass.class.getSimpleName();
    }
}
