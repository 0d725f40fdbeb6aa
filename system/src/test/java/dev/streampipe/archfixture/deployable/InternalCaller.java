package dev.streampipe.archfixture.deployable;

import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;

/**
 * Deliberately breaks the public-API rule: it calls internal packages ({@code Utf8}, {@code CompiledTopology}),
 * as our functions and examples must not, so {@code PublicApiOnlyTest} can show the rule reports it. Never used.
 */
public final class InternalCaller {
    private InternalCaller() {
    }

    static long bodyBytes(String body) {
        return Utf8.length(body);
    }

    static int routes(Topology topology, ChangeRecord record) {
        return CompiledTopology.of(topology).route(record).size();
    }
}
