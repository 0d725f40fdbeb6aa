package dev.streampipe.hotkey.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Mitigation;
import dev.streampipe.hotkey.Threshold;
import java.util.Locale;

/**
 * The words of an alert: an SNS subject, a one-line summary, and the JSON message body.
 *
 * <p>The body is one JSON object: {@code alert} (HOT / RECOVERED), {@code table}, {@code key},
 * {@code from}, {@code at}, observed {@code wcuPerSecond} and {@code writesPerSecond},
 * {@code peakWcuPerSecond}, the threshold ({@code thresholdWcuPerSecond}, {@code thresholdWritesPerSecond},
 * null when unlimited), {@code partitionLimitWcuPerSecond} (1,000), {@code targetUtilization},
 * {@code writeShardsNeeded}, a readable {@code summary} and {@code mitigation}, and {@code topKeys}
 * (each with {@code key}, {@code wcuPerSecond}, {@code writesPerSecond}, {@code state},
 * {@code partitionUtilization}, {@code writeShardsNeeded}).
 */
public final class AlertMessages {

    /** SNS subjects are at most 100 printable ASCII characters. */
    public static final int MAX_SUBJECT_LENGTH = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertMessages() {
    }

    /** E.g. {@code HOT key SESSION#42 in sessions: 1234.5 WCU/s}, shortened and made ASCII for SNS. */
    public static String subject(KeyAlert alert) {
        String text = alert.state() + " key " + alert.key() + " in " + alert.table() + ": "
                + format(alert.transition().wcuPerSecond()) + " WCU/s";
        StringBuilder ascii = new StringBuilder(text.length());
        text.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return ascii.length() <= MAX_SUBJECT_LENGTH ? ascii.toString()
                : ascii.substring(0, MAX_SUBJECT_LENGTH - 3) + "...";
    }

    /** One readable line: state, key, rates against threshold and partition limit, and the mitigation. */
    public static String summary(KeyAlert alert) {
        var t = alert.transition();
        String rates = format(t.wcuPerSecond()) + " WCU/s, " + format(t.writesPerSecond()) + " writes/s";
        if (alert.state() == KeyState.HOT) {
            return "HOT partition key " + t.key() + " in table " + t.table() + ": " + rates + " (threshold "
                    + thresholdText(t.threshold()) + "; partition limit " + Mitigation.PARTITION_WCU_LIMIT
                    + " WCU/s). " + mitigation(alert);
        }
        return "RECOVERED partition key " + t.key() + " in table " + t.table() + ": " + rates + " now, peak "
                + format(alert.peakWcuPerSecond()) + " WCU/s (partition limit " + Mitigation.PARTITION_WCU_LIMIT
                + " WCU/s). " + mitigation(alert);
    }

    /** The write-sharding advice with its arithmetic. */
    public static String mitigation(KeyAlert alert) {
        int shards = alert.writeShardsNeeded();
        String arithmetic = "ceil(peak " + format(alert.peakWcuPerSecond()) + " / (" + Mitigation.PARTITION_WCU_LIMIT
                + " x " + String.format(Locale.ROOT, "%.2f", alert.targetUtilization()) + ")) = " + shards;
        if (shards <= 1) {
            return "Write shards needed: 1 (" + arithmetic + "): the peak fits one partition at the target utilization.";
        }
        return "Write shards needed: " + shards + " (" + arithmetic + "): spread the key over suffixes "
                + alert.key() + "#0.." + alert.key() + "#" + (shards - 1) + ".";
    }

    /** The SNS message body. */
    public static String json(KeyAlert alert) {
        var t = alert.transition();
        ObjectNode root = JSON.createObjectNode();
        root.put("alert", alert.state().name());
        root.put("table", t.table());
        root.put("key", t.key());
        root.put("from", t.from().name());
        root.put("at", t.at().toString());
        root.put("wcuPerSecond", round(t.wcuPerSecond()));
        root.put("writesPerSecond", round(t.writesPerSecond()));
        root.put("peakWcuPerSecond", round(alert.peakWcuPerSecond()));
        putLimit(root, "thresholdWcuPerSecond", t.threshold().wcuPerSecond());
        putLimit(root, "thresholdWritesPerSecond", t.threshold().writesPerSecond());
        root.put("partitionLimitWcuPerSecond", Mitigation.PARTITION_WCU_LIMIT);
        root.put("targetUtilization", alert.targetUtilization());
        root.put("writeShardsNeeded", alert.writeShardsNeeded());
        root.put("summary", summary(alert));
        root.put("mitigation", mitigation(alert));
        ArrayNode top = root.putArray("topKeys");
        for (KeyReport key : alert.topKeys()) {
            ObjectNode node = top.addObject();
            node.put("key", key.key());
            node.put("wcuPerSecond", round(key.wcuPerSecond()));
            node.put("writesPerSecond", round(key.writesPerSecond()));
            node.put("state", key.state().name());
            node.put("partitionUtilization", round(key.partitionUtilization()));
            node.put("writeShardsNeeded", key.writeShardsNeeded());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert tree of strings and numbers failed to serialize", e);
        }
    }

    private static void putLimit(ObjectNode node, String field, double limit) {
        if (Double.isInfinite(limit)) {
            node.putNull(field);
        } else {
            node.put(field, limit);
        }
    }

    private static String thresholdText(Threshold threshold) {
        boolean wcu = !Double.isInfinite(threshold.wcuPerSecond());
        boolean writes = !Double.isInfinite(threshold.writesPerSecond());
        if (wcu && writes) {
            return format(threshold.wcuPerSecond()) + " WCU/s or " + format(threshold.writesPerSecond()) + " writes/s";
        }
        return wcu ? format(threshold.wcuPerSecond()) + " WCU/s" : format(threshold.writesPerSecond()) + " writes/s";
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
