package dev.streampipe.monitor;

import dev.streampipe.core.hotkey.Threshold;
import dev.streampipe.core.hotkey.ThresholdScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses threshold overrides written as {@code ;}-separated {@code <table>/<prefix>=<wcu>[:<writes>]}
 * rules: an empty table or prefix means "any", {@code *} an unlimited rate. Table names cannot contain
 * {@code /}, so the first {@code /} splits table from prefix and the last {@code =} ends the prefix.
 */
final class ThresholdRules {

    private ThresholdRules() {
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
        for (String raw : spec.split(";")) {
            String rule = raw.strip();
            if (!rule.isEmpty()) {
                parseRule(key, rule, rules, problems);
            }
        }
        return rules;
    }

    private static void parseRule(String key, String rule, Map<ThresholdScope, Threshold> rules, List<String> problems) {
        int equals = rule.lastIndexOf('=');
        int slash = rule.indexOf('/');
        if (equals < 0 || slash < 0 || slash > equals) {
            problems.add(key + " rule must look like <table>/<prefix>=<wcu>[:<writes>], was '" + rule + "'");
            return;
        }
        String table = rule.substring(0, slash).strip();
        String prefix = rule.substring(slash + 1, equals);
        String[] limits = rule.substring(equals + 1).strip().split(":", -1);
        if (table.isEmpty() && prefix.isEmpty()) {
            problems.add(key + " rule '" + rule + "' names neither a table nor a prefix; set the default with "
                    + MonitorSettings.HOT_KEY_WCU_PER_SECOND);
            return;
        }
        if (limits.length > 2) {
            problems.add(key + " rule '" + rule + "' must have <wcu> or <wcu>:<writes> after '='");
            return;
        }
        double wcu = limit(key, rule, limits[0], problems);
        double writes = limits.length == 2 ? limit(key, rule, limits[1], problems) : Threshold.UNLIMITED;
        if (wcu > 0 && writes > 0) {
            ThresholdScope scope = table.isEmpty() ? ThresholdScope.prefix(prefix)
                    : prefix.isEmpty() ? ThresholdScope.table(table) : ThresholdScope.tableAndPrefix(table, prefix);
            if (rules.put(scope, Threshold.of(wcu, writes)) != null) {
                problems.add(key + " names " + scope + " twice");
            }
        }
    }

    private static double limit(String key, String rule, String text, List<String> problems) {
        String value = text.strip();
        if (value.equals("*")) {
            return Threshold.UNLIMITED;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            parsed = Double.NaN; // reported below with the rule
        }
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            problems.add(key + " rule '" + rule + "' limit must be a number > 0 or *, was '" + value + "'");
            return -1;
        }
        return parsed;
    }
}
