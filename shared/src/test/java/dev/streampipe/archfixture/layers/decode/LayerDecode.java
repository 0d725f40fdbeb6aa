package dev.streampipe.archfixture.layers.decode;

import dev.streampipe.archfixture.layers.record.LayerRecord;

/** Keeps to the layering: decoding makes records. Never used. */
public final class LayerDecode {
    private LayerDecode() {
    }

    public static LayerRecord decode(String text) {
        return new LayerRecord(text);
    }
}
