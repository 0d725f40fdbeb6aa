package dev.streampipe.archfixture.layers.json;

/** Keeps to the layering: the leaf utility depends on no layer. Never used. */
public final class LayerJson {
    private LayerJson() {
    }

    public static String quote(String s) {
        return '"' + s + '"';
    }
}
