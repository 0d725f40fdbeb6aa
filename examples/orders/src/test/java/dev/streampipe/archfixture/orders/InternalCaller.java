package dev.streampipe.archfixture.orders;

import dev.streampipe.aws.internal.BatchLimits;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;

/**
 * Deliberately breaks the public-API rule: it calls internal packages ({@code BatchLimits}, {@code CompiledTopology}),
 * as the example's own code must not, so {@code PublicApiOnlyTest} can show the rule reports it. Never used.
 */
public final class InternalCaller {
    private InternalCaller() {
    }

    static int entriesPerCall() {
        return BatchLimits.SNS.maxEntries();
    }

    static String orderKey(Topology topology, ChangeRecord record) {
        return CompiledTopology.of(topology).orderKey(record);
    }
}
