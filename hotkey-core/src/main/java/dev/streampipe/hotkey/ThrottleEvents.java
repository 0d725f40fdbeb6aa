package dev.streampipe.hotkey;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throttled requests seen by a client, per table and reason (DynamoDB's {@code ThrottlingReasons}, e.g.
 * {@code TableWriteKeyRangeThroughputExceeded}; {@link #UNSPECIFIED} when the error gave none) and per
 * partition key when the request named one. Keys are bounded per table: past {@code maxKeysPerTable}
 * new keys are counted under {@link #OTHER_KEYS}. Thread-safe.
 */
public final class ThrottleEvents {

    public static final String UNSPECIFIED = "Unspecified";
    public static final String OTHER_KEYS = "(other keys)";

    private final int maxKeysPerTable;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> byReason = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> byKey = new ConcurrentHashMap<>();

    public ThrottleEvents(int maxKeysPerTable) {
        if (maxKeysPerTable < 1) {
            throw new IllegalArgumentException("maxKeysPerTable must be >= 1, was " + maxKeysPerTable);
        }
        this.maxKeysPerTable = maxKeysPerTable;
    }

    /** Counts one throttled request of {@code table}; {@code key} may be null, {@code reasons} empty. */
    public void record(String table, String key, List<String> reasons) {
        Objects.requireNonNull(table, "table");
        Map<String, LongAdder> reasonCounts = byReason.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
        if (reasons.isEmpty()) {
            reasonCounts.computeIfAbsent(UNSPECIFIED, r -> new LongAdder()).increment();
        }
        for (String reason : reasons) {
            reasonCounts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
        if (key != null) {
            ConcurrentHashMap<String, LongAdder> keys = byKey.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
            String counted = keys.containsKey(key) || keys.size() < maxKeysPerTable ? key : OTHER_KEYS;
            keys.computeIfAbsent(counted, k -> new LongAdder()).increment();
        }
    }

    /** Throttled requests of {@code table} by reason, sorted by reason. A request with two reasons counts in both. */
    public Map<String, Long> byReason(String table) {
        return snapshot(byReason.get(table));
    }

    /** Throttled requests of {@code table} by partition key, sorted by key. */
    public Map<String, Long> byKey(String table) {
        return snapshot(byKey.get(table));
    }

    /** Throttled requests of {@code table} with a reason naming a key range (a hot partition). */
    public long keyRangeThrottles(String table) {
        return byReason(table).entrySet().stream().filter(e -> e.getKey().contains("KeyRangeThroughputExceeded"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public void clear() {
        byReason.clear();
        byKey.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        if (counts != null) {
            counts.forEach((k, v) -> out.put(k, v.sum()));
        }
        return out;
    }
}
