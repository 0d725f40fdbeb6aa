package dev.streampipe.archfixture.layers.record;

import dev.streampipe.archfixture.layers.json.LayerJson;

/** Keeps to the layering: a record uses the leaf utility only. Never used. */
public record LayerRecord(String key) {
    public String quoted() {
        return LayerJson.quote(key);
    }
}
