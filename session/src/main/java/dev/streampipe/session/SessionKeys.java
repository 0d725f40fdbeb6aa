package dev.streampipe.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Formats and parses the session table's keys (docs/design.md §1): partition key {@code SESSION#<id>}, sort keys
 * {@code TURN#<n>} and {@code SUMMARY#<n>}.
 *
 * <p><b>Number width.</b> Numbers are written with {@code %06d}: zero-padded to six digits, and numbers
 * from 1,000,000 on use as many digits as they need ({@code TURN#1000000}), exactly what the product
 * writes. Byte order therefore equals numeric order only among keys of the same width
 * ({@code TURN#1000000} sorts before {@code TURN#999999}); {@link #turnSortKeyRanges} splits a range at
 * each width boundary so that range queries stay exact. Parsing accepts only this canonical form
 * (no sign, at least six digits, no leading zero beyond the padding, value 1..{@link Long#MAX_VALUE}),
 * so {@code format(parse(key)).equals(key)} for every accepted key.
 *
 * <p>Prefixes are configurable; {@link #DEFAULT} holds the schema's. All methods are pure and thread-safe.
 *
 * @param sessionPrefix partition key prefix, e.g. {@code SESSION#}
 * @param turnPrefix    turn sort key prefix, e.g. {@code TURN#}
 * @param summaryPrefix summary sort key prefix, e.g. {@code SUMMARY#}
 */
public record SessionKeys(String sessionPrefix, String turnPrefix, String summaryPrefix) {

    /** The schema's prefixes: {@code SESSION#}, {@code TURN#}, {@code SUMMARY#}. */
    public static final SessionKeys DEFAULT = new SessionKeys("SESSION#", "TURN#", "SUMMARY#");

    /** Digits a number is zero-padded to. */
    public static final int NUMBER_WIDTH = 6;

    private static final int MAX_KEY_BYTES = 1024;

    /** @throws IllegalArgumentException if a prefix is empty, or the turn and summary prefixes overlap */
    public SessionKeys {
        requirePrefix("sessionPrefix", sessionPrefix);
        requirePrefix("turnPrefix", turnPrefix);
        requirePrefix("summaryPrefix", summaryPrefix);
        if (turnPrefix.startsWith(summaryPrefix) || summaryPrefix.startsWith(turnPrefix)) {
            throw new IllegalArgumentException("turn and summary prefixes must not overlap, were "
                    + turnPrefix + " and " + summaryPrefix);
        }
    }

    /**
     * {@code SESSION#<id>}.
     *
     * @throws IllegalArgumentException if the id is null, blank, or makes the key longer than 1,024 UTF-8 bytes
     */
    public String sessionPartitionKey(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("session id must not be blank, was '" + sessionId + "'");
        }
        String key = sessionPrefix + sessionId;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("session partition key must be at most " + MAX_KEY_BYTES
                    + " UTF-8 bytes, was " + key.getBytes(StandardCharsets.UTF_8).length);
        }
        return key;
    }

    /** Whether the partition key has the session prefix (and a non-empty id after it). */
    public boolean isSessionPartitionKey(String partitionKey) {
        return partitionKey != null && partitionKey.length() > sessionPrefix.length()
                && partitionKey.startsWith(sessionPrefix);
    }

    /**
     * The id in {@code SESSION#<id>}.
     *
     * @throws IllegalArgumentException if the key lacks the prefix, the id is blank, or the key is longer than
     *                                  1,024 UTF-8 bytes
     */
    public String sessionId(String partitionKey) {
        if (!isSessionPartitionKey(partitionKey) || partitionKey.substring(sessionPrefix.length()).isBlank()) {
            throw new IllegalArgumentException("not a session partition key (" + sessionPrefix + "<id>): " + partitionKey);
        }
        String id = partitionKey.substring(sessionPrefix.length());
        sessionPartitionKey(id); // the rules a key is written by: a reader never accepts what a writer refuses
        return id;
    }

    /** {@code TURN#%06d}. @throws IllegalArgumentException if the number is below 1 */
    public String turnSortKey(long turnNumber) {
        return format(turnPrefix, "turn number", turnNumber);
    }

    /** Whether the sort key starts with the turn prefix (its number may still be malformed). */
    public boolean isTurnSortKey(String sortKey) {
        return sortKey != null && sortKey.startsWith(turnPrefix);
    }

    /** The number in a canonical {@code TURN#%06d}. @throws IllegalArgumentException naming the key otherwise */
    public long turnNumber(String sortKey) {
        return parse(turnPrefix, sortKey);
    }

    /** {@code SUMMARY#%06d}. @throws IllegalArgumentException if the number is below 1 */
    public String summarySortKey(long windowNumber) {
        return format(summaryPrefix, "summary window number", windowNumber);
    }

    /** Whether the sort key starts with the summary prefix (its number may still be malformed). */
    public boolean isSummarySortKey(String sortKey) {
        return sortKey != null && sortKey.startsWith(summaryPrefix);
    }

    /** The number in a canonical {@code SUMMARY#%06d}. @throws IllegalArgumentException naming the key otherwise */
    public long summaryNumber(String sortKey) {
        return parse(summaryPrefix, sortKey);
    }

    /** The sort key ranges holding exactly the window's turns; see {@link #turnSortKeyRanges(long, long)}. */
    public List<SortKeyRange> turnSortKeyRanges(SummaryWindow window) {
        return turnSortKeyRanges(window.firstTurn(), window.lastTurn());
    }

    /**
     * Sort key ranges that together hold exactly the canonical turn keys {@code first..last}: one range
     * per key width, ascending (one range unless the span crosses 999,999 → 1,000,000 or a later power of ten).
     *
     * @throws IllegalArgumentException if {@code first < 1} or {@code last < first}
     */
    public List<SortKeyRange> turnSortKeyRanges(long first, long last) {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("turn range must satisfy 1 <= first <= last, was " + first + ".." + last);
        }
        List<SortKeyRange> ranges = new ArrayList<>(1);
        long from = first;
        while (from <= last) {
            long widthEnd = largestOfSameWidth(from);
            long to = Math.min(last, widthEnd);
            ranges.add(new SortKeyRange(turnSortKey(from), turnSortKey(to)));
            if (to == Long.MAX_VALUE) {
                break;
            }
            from = to + 1;
        }
        return List.copyOf(ranges);
    }

    private static String format(String prefix, String what, long number) {
        if (number < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, was " + number);
        }
        return prefix + String.format("%0" + NUMBER_WIDTH + "d", number);
    }

    private static long parse(String prefix, String sortKey) {
        if (sortKey == null || !sortKey.startsWith(prefix)) {
            throw new IllegalArgumentException("not a " + prefix + "<number> sort key: " + sortKey);
        }
        String digits = sortKey.substring(prefix.length());
        boolean canonical = digits.length() >= NUMBER_WIDTH && digits.length() <= 19
                && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == NUMBER_WIDTH || digits.charAt(0) != '0');
        if (canonical) {
            try {
                long number = Long.parseLong(digits);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sort key number exceeds " + Long.MAX_VALUE + ": " + sortKey, e);
            }
        }
        throw new IllegalArgumentException("malformed sort key, expected " + prefix + " and a number 1.. written as %0"
                + NUMBER_WIDTH + "d: " + sortKey);
    }

    /** Largest number with as many decimal digits (at least six) as {@code n}. */
    private static long largestOfSameWidth(long n) {
        long power = 1_000_000L; // 10^NUMBER_WIDTH
        while (power <= n) {
            if (power > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
            power *= 10;
        }
        return power - 1;
    }

    private static void requirePrefix(String name, String prefix) {
        Objects.requireNonNull(prefix, name);
        if (prefix.isEmpty() || prefix.chars().anyMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be non-empty and contain no digit, was '" + prefix + "'");
        }
    }
}
