package dev.streampipe.testing;

import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.InMemoryStateStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One aggregation's store as a test reads it ({@link PipelineTestDriver#store}): a group's value, by measure, now
 * (table aggregations) or in one window (windowed ones).
 */
public final class StoreView {
    private final Aggregation aggregation;
    private final InMemoryStateStore store;

    StoreView(Aggregation aggregation, InMemoryStateStore store) {
        this.aggregation = aggregation;
        this.store = store;
    }

    /** The group's value by measure (empty: the group was never written). A table aggregation's groups only. */
    public Optional<Map<String, Long>> get(String group) {
        requireKind(false);
        return read(GroupKey.of(aggregation.name(), group));
    }

    /** The group's value in the window starting at {@code windowStart}. A windowed aggregation's groups only. */
    public Optional<Map<String, Long>> get(String group, Instant windowStart) {
        requireKind(true);
        return read(new GroupKey(aggregation.name(), group, windowStart.toEpochMilli()));
    }

    /** The group's {@code count} (0 when never written); for an aggregation built with {@code count()}. */
    public long count(String group) {
        requireCount();
        return get(group).map(v -> v.get(Aggregation.COUNT)).orElse(0L);
    }

    /** The group's {@code count} in the window starting at {@code windowStart} (0 when never written). */
    public long count(String group, Instant windowStart) {
        requireCount();
        return get(group, windowStart).map(v -> v.get(Aggregation.COUNT)).orElse(0L);
    }

    /** Every group's value by measure: group to (measure to value). A table aggregation's groups only. */
    public Map<String, Map<String, Long>> all() {
        requireKind(false);
        Map<String, Map<String, Long>> out = new TreeMap<>();
        store.all(aggregation.name()).forEach((k, v) -> out.put(k.group(), named(v)));
        return out;
    }

    /** Every group's {@code count}: group to count (groups at 0 included). */
    public Map<String, Long> counts() {
        requireCount();
        Map<String, Long> out = new TreeMap<>();
        all().forEach((group, v) -> out.put(group, v.get(Aggregation.COUNT)));
        return out;
    }

    /** A windowed store's windows: start to (group to (measure to value)), earliest first. */
    public Map<Instant, Map<String, Map<String, Long>>> windows() {
        requireKind(true);
        Map<Instant, Map<String, Map<String, Long>>> out = new TreeMap<>();
        store.all(aggregation.name()).forEach((k, v) -> out.computeIfAbsent(Instant.ofEpochMilli(k.windowStart()),
                s -> new TreeMap<>()).put(k.group(), named(v)));
        return out;
    }

    /** Whether the window starting at {@code windowStart} has closed (its final values were due). */
    public boolean closed(Instant windowStart) {
        requireKind(true);
        return store.closed(aggregation.name(), windowStart.toEpochMilli());
    }

    private Optional<Map<String, Long>> read(GroupKey key) {
        long[] v = store.all(aggregation.name()).get(key);
        return v == null ? Optional.empty() : Optional.of(named(v));
    }

    private Map<String, Long> named(long[] v) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> measures = aggregation.measures();
        for (int i = 0; i < v.length; i++) {
            out.put(measures.get(i), v[i]);
        }
        return out;
    }

    private void requireCount() {
        if (!aggregation.measures().contains(Aggregation.COUNT)) {
            throw new IllegalArgumentException("aggregation '" + aggregation.name() + "' has no count (measures "
                    + aggregation.measures() + "): use get(..)");
        }
    }

    private void requireKind(boolean windowed) {
        if (aggregation.windowed() != windowed) {
            throw new IllegalArgumentException("aggregation '" + aggregation.name() + "' is "
                    + (aggregation.windowed() ? "windowed: pass the window's start" : "a table aggregation: it has"
                    + " no windows"));
        }
    }
}
