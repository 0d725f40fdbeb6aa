package dev.streampipe.hotkey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of threshold rules: one default plus overrides by {@link ThresholdScope}.
 * {@link #resolve(String, String)} picks the most specific rule covering a key:
 * table + prefix &gt; prefix &gt; table &gt; default, and among matching prefixes of the same
 * kind the longest. Copies are made with {@link #with} and {@link #without}.
 */
public final class Thresholds {

    private final Threshold defaultThreshold;
    private final Map<ThresholdScope, Threshold> overrides;

    private Thresholds(Threshold defaultThreshold, Map<ThresholdScope, Threshold> overrides) {
        this.defaultThreshold = Objects.requireNonNull(defaultThreshold, "defaultThreshold");
        this.overrides = Collections.unmodifiableMap(overrides);
    }

    /** Rules with only a default. */
    public static Thresholds withDefault(Threshold defaultThreshold) {
        return new Thresholds(defaultThreshold, new LinkedHashMap<>());
    }

    /** A copy where {@code scope} maps to {@code threshold}; the default scope replaces the default. */
    public Thresholds with(ThresholdScope scope, Threshold threshold) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(threshold, "threshold");
        if (scope.equals(ThresholdScope.defaults())) {
            return new Thresholds(threshold, new LinkedHashMap<>(overrides));
        }
        Map<ThresholdScope, Threshold> copy = new LinkedHashMap<>(overrides);
        copy.put(scope, threshold);
        return new Thresholds(defaultThreshold, copy);
    }

    /** A copy without the override for {@code scope}; the default cannot be removed. */
    public Thresholds without(ThresholdScope scope) {
        Objects.requireNonNull(scope, "scope");
        if (scope.equals(ThresholdScope.defaults())) {
            throw new IllegalArgumentException("the default threshold cannot be removed, only replaced");
        }
        Map<ThresholdScope, Threshold> copy = new LinkedHashMap<>(overrides);
        copy.remove(scope);
        return new Thresholds(defaultThreshold, copy);
    }

    /** The most specific threshold for {@code key} in {@code table}. */
    public Threshold resolve(String table, String key) {
        Threshold best = defaultThreshold;
        int bestRank = -1;
        for (Map.Entry<ThresholdScope, Threshold> rule : overrides.entrySet()) {
            ThresholdScope scope = rule.getKey();
            if (scope.covers(table, key)) {
                int rank = rank(scope);
                if (rank > bestRank) {
                    best = rule.getValue();
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    public Threshold defaultThreshold() {
        return defaultThreshold;
    }

    /** The overrides, in insertion order. */
    public Map<ThresholdScope, Threshold> overrides() {
        return overrides;
    }

    /** The lowest limit (WCU/s or writes/s) of any rule: candidate admission is relative to it. */
    double lowestLimit() {
        double lowest = defaultThreshold.lowestLimit();
        for (Threshold threshold : overrides.values()) {
            lowest = Math.min(lowest, threshold.lowestLimit());
        }
        return lowest;
    }

    /** The lowest read limit of any rule, in half-RCUs (reads/s count one half each). */
    double lowestReadLimitHalves() {
        double lowest = defaultThreshold.lowestReadLimitHalves();
        for (Threshold threshold : overrides.values()) {
            lowest = Math.min(lowest, threshold.lowestReadLimitHalves());
        }
        return lowest;
    }

    /**
     * Specificity rank: kind first (table+prefix 3, prefix 2, table 1), then prefix length, so a
     * longer prefix of the same kind wins. Prefix lengths are far below 2^20.
     */
    private static int rank(ThresholdScope scope) {
        int kind = scope.prefix() != null ? (scope.table() != null ? 3 : 2) : 1;
        int prefixLength = scope.prefix() == null ? 0 : Math.min(scope.prefix().length(), (1 << 20) - 1);
        return (kind << 20) | prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Thresholds that
                && defaultThreshold.equals(that.defaultThreshold)
                && overrides.equals(that.overrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultThreshold, overrides);
    }

    @Override
    public String toString() {
        return "Thresholds[default=" + defaultThreshold + ", overrides=" + overrides + "]";
    }
}
