package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.ThresholdScope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Parses threshold overrides written as {@code ;}-separated {@code <table>/<prefix>=<wcu>[:<writes>]}
 * rules: an empty table or prefix means "any", {@code *} an unlimited rate. Table names cannot contain
 * {@code /}, so the first {@code /} splits table from prefix and the last {@code =} ends the prefix.
 *
 * <p>A table must be a DynamoDB table name; a prefix is at most {@value #MAX_PREFIX_BYTES} UTF-8 bytes (a
 * partition key's limit) and neither starts nor ends with whitespace (a space before {@code =} would make a
 * rule that never matches); a limit is {@value #RATE}; one scope has one rule; at most {@value #MAX_RULES}
 * rules (each record is matched against all of them).
 */
final class ThresholdRules {
    /** Highest finite rate a threshold may set, in WCU/s or writes/s: far above any one key's traffic. */
    static final double MAX_RATE = 1_000_000;
    /** What a rate setting must be, as messages say it. */
    static final String RATE = "a number in (0, 1000000] or * for unlimited";
    /** Most rules one setting may hold. */
    static final int MAX_RULES = 1_000;
    /** Longest key prefix, in UTF-8 bytes: DynamoDB's partition key limit. */
    static final int MAX_PREFIX_BYTES = 2_048;

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private ThresholdRules() {
    }

    /** A threshold's rate: {@code *} is {@link Threshold#UNLIMITED}, else a number in (0, {@value #MAX_RATE}]. */
    static OptionalDouble rate(String text) {
        return text.equals("*") ? OptionalDouble.of(Threshold.UNLIMITED) : Numbers.decimal(text, 0, MAX_RATE);
    }

    /**
     * The rules of {@code spec} (null: none). Each bad rule adds a message naming {@code key} and the
     * rule to {@code problems} and is left out.
     */
    static Map<ThresholdScope, Threshold> parse(String key, String spec, List<String> problems) {
        Map<ThresholdScope, Threshold> rules = new LinkedHashMap<>();
        if (spec == null) {
            return rules;
        }
        List<String> written = java.util.Arrays.stream(spec.split(";")).map(String::strip).filter(r -> !r.isEmpty())
                .toList();
        if (written.size() > MAX_RULES) {
            problems.add(key + " must hold at most " + MAX_RULES + " rules, had " + written.size());
            return rules;
        }
        written.forEach(rule -> parseRule(key, rule, rules, problems));
        return rules;
    }

    private static void parseRule(String key, String rule, Map<ThresholdScope, Threshold> rules, List<String> problems) {
        int equals = rule.lastIndexOf('=');
        int slash = rule.indexOf('/');
        if (equals < 0 || slash < 0 || slash > equals) {
            problems.add(key + " rule must look like <table>/<prefix>=<wcu>[:<writes>], was " + Texts.shown(rule));
            return;
        }
        String table = rule.substring(0, slash).strip();
        String prefix = rule.substring(slash + 1, equals);
        String[] limits = rule.substring(equals + 1).strip().split(":", -1);
        String bad = table.isEmpty() && prefix.isEmpty()
                ? "names neither a table nor a prefix; set the default with " + MonitorSettings.HOT_KEY_WCU_PER_SECOND
                : !table.isEmpty() && !TABLE.matcher(table).matches()
                ? "table must be a DynamoDB table name (3..255 characters of A-Z a-z 0-9 _ . -), was " + Texts.shown(table)
                : !prefix.equals(prefix.strip())
                ? "prefix must not start or end with whitespace, was " + Texts.shown(prefix)
                : prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES
                ? "prefix must be at most " + MAX_PREFIX_BYTES + " UTF-8 bytes, was " + Texts.shown(prefix)
                : limits.length > 2 ? "must have <wcu> or <wcu>:<writes> after '='" : null;
        if (bad != null) {
            problems.add(key + " rule " + Texts.shown(rule) + " " + bad);
            return;
        }
        OptionalDouble wcu = limit(key, rule, limits[0], problems);
        OptionalDouble writes = limits.length == 2 ? limit(key, rule, limits[1], problems)
                : OptionalDouble.of(Threshold.UNLIMITED);
        if (wcu.isPresent() && writes.isPresent()) {
            ThresholdScope scope = table.isEmpty() ? ThresholdScope.prefix(prefix)
                    : prefix.isEmpty() ? ThresholdScope.table(table) : ThresholdScope.tableAndPrefix(table, prefix);
            if (rules.put(scope, Threshold.of(wcu.getAsDouble(), writes.getAsDouble())) != null) {
                problems.add(key + " has two rules for " + describe(scope));
            }
        }
    }

    private static OptionalDouble limit(String key, String rule, String text, List<String> problems) {
        String value = text.strip();
        OptionalDouble rate = rate(value);
        if (rate.isEmpty()) {
            problems.add(key + " rule " + Texts.shown(rule) + " limit must be " + RATE + ", was " + Texts.shown(value));
        }
        return rate;
    }

    private static String describe(ThresholdScope scope) {
        return scope.tableName().map(t -> "table " + Texts.shown(t)).orElse("any table")
                + scope.keyPrefix().map(p -> " and prefix " + Texts.shown(p)).orElse("");
    }
}
