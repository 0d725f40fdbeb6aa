package dev.streampipe.hotkey;

import java.util.Optional;

/**
 * Where a {@link Threshold} applies. Precedence, most specific first:
 * table + key prefix &gt; key prefix &gt; table &gt; default. Among prefixes of the same kind the
 * longest matching prefix wins.
 *
 * <p>Build with the static factories; {@code table} and {@code prefix} are null when absent.
 *
 * @param table  table name, or null for every table
 * @param prefix partition-key prefix (an entity type such as {@code SESSION#}), or null for every key
 */
public record ThresholdScope(String table, String prefix) {

    public ThresholdScope {
        if (table != null && table.isBlank()) {
            throw new IllegalArgumentException("table must not be blank, was '" + table + "'");
        }
        if (prefix != null && prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty; use ThresholdScope.table(..) or defaults()");
        }
    }

    /** The engine-wide default. */
    public static ThresholdScope defaults() {
        return new ThresholdScope(null, null);
    }

    /** Every key of one table. */
    public static ThresholdScope table(String table) {
        return new ThresholdScope(requireNonNull("table", table), null);
    }

    /** Keys starting with {@code prefix} in every table. */
    public static ThresholdScope prefix(String prefix) {
        return new ThresholdScope(null, requireNonNull("prefix", prefix));
    }

    /** Keys starting with {@code prefix} in one table. */
    public static ThresholdScope tableAndPrefix(String table, String prefix) {
        return new ThresholdScope(requireNonNull("table", table), requireNonNull("prefix", prefix));
    }

    public Optional<String> tableName() {
        return Optional.ofNullable(table);
    }

    public Optional<String> keyPrefix() {
        return Optional.ofNullable(prefix);
    }

    /** True when this scope covers {@code key} of {@code tableName}. */
    public boolean covers(String tableName, String key) {
        return (table == null || table.equals(tableName)) && (prefix == null || key.startsWith(prefix));
    }

    private static String requireNonNull(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
