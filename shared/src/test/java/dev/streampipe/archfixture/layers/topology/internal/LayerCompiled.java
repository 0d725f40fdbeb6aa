package dev.streampipe.archfixture.layers.topology.internal;

import dev.streampipe.archfixture.layers.record.LayerRecord;
import dev.streampipe.archfixture.layers.topology.LayerTopology;

/** Keeps to the layering: the topology's internal side reads records and its public side. Never used. */
public final class LayerCompiled {
    private LayerCompiled() {
    }

    public static boolean route(LayerRecord record) {
        return LayerTopology.takes(record);
    }
}
