package dev.streampipe.archfixture.layers.json;

import dev.streampipe.archfixture.layers.record.LayerRecord;

/** Breaks the layering: the leaf utility reads a record. Never used. */
public final class RecordAwareJson {
    private RecordAwareJson() {
    }

    static String write(LayerRecord record) {
        return LayerJson.quote(record.key());
    }
}
