package dev.streampipe.core.state;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A window that closed: its store, start and end (epoch millis), and the final value of each group that had records
 * in it.
 */
public record ClosedWindow(String store, long start, long end, Map<String, long[]> finalValues) {
    public ClosedWindow {
        Objects.requireNonNull(store, "store");
        finalValues = Collections.unmodifiableMap(new TreeMap<>(finalValues));
    }
}
