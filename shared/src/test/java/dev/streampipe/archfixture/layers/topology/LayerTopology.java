package dev.streampipe.archfixture.layers.topology;

import dev.streampipe.archfixture.layers.decode.LayerDecode;
import dev.streampipe.archfixture.layers.record.LayerRecord;

/** Keeps to the layering: the topology reads records (and may use the decoder below it). Never used. */
public final class LayerTopology {
    private LayerTopology() {
    }

    public static boolean takes(LayerRecord record) {
        return !record.key().isEmpty() && LayerDecode.decode(record.key()).equals(record);
    }
}
