package dev.streampipe.archfixture.summary;

import dev.streampipe.core.topology.internal.Routed;

/**
 * Deliberately breaks the public-API rule: it calls internal packages ({@code Routed}),
 * as the summary function's own code must not, so {@code PublicApiOnlyTest} can show the rule reports it. Never used.
 */
public final class InternalCaller {
    private InternalCaller() {
    }

    static boolean rejected(Routed routed) {
        return routed.rejected();
    }
}
