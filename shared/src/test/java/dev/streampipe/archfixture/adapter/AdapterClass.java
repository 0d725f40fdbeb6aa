package dev.streampipe.archfixture.adapter;

import java.time.Instant;

/**
 * Stands for a streampipe class outside the core (an adapter), so {@code ImpureCoreClass} can break the pure-core
 * rule by depending on it. Never used.
 */
public final class AdapterClass {
    private AdapterClass() {
    }

    public static Instant now() {
        return Instant.EPOCH;
    }
}
