package dev.streampipe.archfixture.layers.topology.internal;

import dev.streampipe.archfixture.layers.batch.LayerBatch;

/** Breaks the layering: an internal package of the topology is still the topology, and reaches up to the batch. */
public final class BatchAwareInternal {
    private BatchAwareInternal() {
    }

    static int size(LayerBatch batch) {
        return batch.size();
    }
}
