package dev.streampipe.archfixture.layers.record;

import dev.streampipe.archfixture.layers.topology.LayerTopology;

/** Breaks the layering: a record reaches up to the topology. Never used. */
public final class UpwardRecord {
    private UpwardRecord() {
    }

    static boolean routed(LayerRecord record) {
        return LayerTopology.takes(record);
    }
}
