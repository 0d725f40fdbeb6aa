package dev.streampipe.archfixture.deployable;

import dev.streampipe.core.topology.Topology;

/**
 * Keeps to the public-API rule (it uses a public class of the library), so {@code PublicApiOnlyTest} can show no
 * false alarm. Never used.
 */
public final class PublicCaller {
    private PublicCaller() {
    }

    static String outline(Topology topology) {
        return topology.describe();
    }
}
