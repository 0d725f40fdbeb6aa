package dev.streampipe.session;

import java.util.Objects;

/**
 * An inclusive range of sort keys, {@code from <= sk <= to} in DynamoDB's byte order; maps to a
 * {@code BETWEEN :from AND :to} key condition.
 *
 * @param from lowest sort key, inclusive
 * @param to   highest sort key, inclusive; not below {@code from}
 */
public record SortKeyRange(String from, String to) {
    /** @throws IllegalArgumentException if {@code from} sorts after {@code to} */
    public SortKeyRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException("sort key range is empty: " + from + " sorts after " + to);
        }
    }
}
