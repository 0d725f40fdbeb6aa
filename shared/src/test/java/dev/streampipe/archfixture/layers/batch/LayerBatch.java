package dev.streampipe.archfixture.layers.batch;

import dev.streampipe.archfixture.layers.record.LayerRecord;
import dev.streampipe.archfixture.layers.topology.internal.LayerCompiled;
import java.util.List;

/** Keeps to the layering: the batch runs the topology's internal side over records. Never used. */
public record LayerBatch(List<LayerRecord> records) {
    public int size() {
        return (int) records.stream().filter(LayerCompiled::route).count();
    }
}
