package dev.streampipe.core.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an aggregation sends: a group's value after a batch changed it (table aggregations), or a window's final value
 * once it closed (windowed aggregations). Given to the aggregation's {@link AggregateMapper}.
 */
public final class AggregateUpdate {
    private final String aggregation;
    private final String group;
    private final Instant windowStartOrNull;
    private final Instant windowEndOrNull;
    private final List<String> measures;
    private final long[] values;

    public AggregateUpdate(String aggregation, String group, Instant windowStartOrNull, Instant windowEndOrNull,
                           List<String> measures, long[] values) {
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        this.group = Objects.requireNonNull(group, "group");
        this.windowStartOrNull = windowStartOrNull;
        this.windowEndOrNull = windowEndOrNull;
        this.measures = List.copyOf(measures);
        this.values = values.clone();
        if (this.values.length != this.measures.size()) {
            throw new IllegalArgumentException("values " + this.values.length + " for measures " + measures);
        }
    }

    public String aggregation() {
        return aggregation;
    }

    public String group() {
        return group;
    }

    /** The window's start, for a windowed aggregation's final value. */
    public Optional<Instant> windowStart() {
        return Optional.ofNullable(windowStartOrNull);
    }

    /** The window's end (exclusive), for a windowed aggregation's final value. */
    public Optional<Instant> windowEnd() {
        return Optional.ofNullable(windowEndOrNull);
    }

    /** Whether this is a window's final value (a table aggregation's values are never final). */
    public boolean isFinal() {
        return windowStartOrNull != null;
    }

    /** The value of {@code measure} ({@code "count"} for {@code count()}). */
    public long value(String measure) {
        int i = measures.indexOf(measure);
        if (i < 0) {
            throw new IllegalArgumentException("aggregation '" + aggregation + "' has no measure '" + measure
                    + "'; measures: " + measures);
        }
        return values[i];
    }

    /** The first measure's value: the count, for an aggregation built with {@code count()} first. */
    public long value() {
        return values[0];
    }

    /** Every measure by name, in the aggregation's order. */
    public Map<String, Long> values() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(measures.get(i), values[i]);
        }
        return out;
    }

    /**
     * The default JSON form, also what {@code Payload.json(update)} writes: {@code {"aggregation":..,"group":..,"windowStart":..,"windowEnd":..,"count":..}} (window
     * fields only for windows).
     */
    @JsonValue
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("aggregation", aggregation);
        out.put("group", group);
        if (windowStartOrNull != null) {
            out.put("windowStart", windowStartOrNull.toString());
            out.put("windowEnd", windowEndOrNull.toString());
        }
        out.putAll(values());
        return out;
    }

    @Override
    public String toString() {
        return aggregation + "[" + group + (windowStartOrNull == null ? "" : " " + windowStartOrNull + ".."
                + windowEndOrNull) + "] " + values();
    }
}
