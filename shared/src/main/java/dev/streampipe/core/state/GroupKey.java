package dev.streampipe.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one store: the store (the aggregation's name), the group, and for a windowed aggregation the window's
 * start in epoch millis ({@link #NO_WINDOW} for a table aggregation).
 */
public record GroupKey(String store, String group, long windowStart) implements Comparable<GroupKey> {
    /** The window start of a table aggregation's keys. */
    public static final long NO_WINDOW = Long.MIN_VALUE;

    public GroupKey {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(group, "group");
    }

    /** A table aggregation's key. */
    public static GroupKey of(String store, String group) {
        return new GroupKey(store, group, NO_WINDOW);
    }

    public boolean windowed() {
        return windowStart != NO_WINDOW;
    }

    @Override
    public int compareTo(GroupKey o) {
        int c = store.compareTo(o.store);
        if (c == 0) {
            c = Long.compare(windowStart, o.windowStart);
        }
        return c == 0 ? group.compareTo(o.group) : c;
    }

    @Override
    public String toString() {
        return store + "[" + group + (windowed() ? " @" + Instant.ofEpochMilli(windowStart) : "") + "]";
    }
}
