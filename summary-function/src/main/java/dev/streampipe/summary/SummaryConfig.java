package dev.streampipe.summary;

import dev.streampipe.core.record.Texts;
import dev.streampipe.session.SessionKeys;
import dev.streampipe.session.SummaryWindow;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The summary function's configuration.
 *
 * @param tableName        the session table
 * @param partitionKeyName partition key attribute name ({@code PK} by default)
 * @param sortKeyName      sort key attribute name ({@code SK} by default)
 * @param interval         turns per summary window, 1..{@value SummaryWindow#MAX_INTERVAL}
 * @param ttl              how long a summary lives before DynamoDB TTL may delete it, 1..3650 days
 * @param bedrock          model settings; empty selects the deterministic local summarizer
 * @param keys             key prefixes and number format ({@link SessionKeys#DEFAULT} from the environment)
 */
public record SummaryConfig(String tableName, String partitionKeyName, String sortKeyName, int interval,
                            Duration ttl, Optional<BedrockSettings> bedrock, SessionKeys keys) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String PARTITION_KEY_NAME = "PARTITION_KEY_NAME";
    public static final String SORT_KEY_NAME = "SORT_KEY_NAME";
    public static final String SUMMARY_INTERVAL = "SUMMARY_INTERVAL";
    public static final String SUMMARY_TTL_DAYS = "SUMMARY_TTL_DAYS";
    public static final String BEDROCK_MODEL_ID = "BEDROCK_MODEL_ID";
    public static final String BEDROCK_MAX_TOKENS = "BEDROCK_MAX_TOKENS";
    public static final String BEDROCK_TEMPERATURE = "BEDROCK_TEMPERATURE";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final int MAX_TTL_DAYS = 3_650;

    /** @throws IllegalArgumentException naming the bad value */
    public SummaryConfig {
        if (tableName == null || !TABLE.matcher(tableName).matches()) {
            throw new IllegalArgumentException(
                    "table name must be 3..255 characters of [A-Za-z0-9_.-], was '" + tableName + "'");
        }
        requireAttributeName("partition key name", partitionKeyName);
        requireAttributeName("sort key name", sortKeyName);
        if (partitionKeyName.equals(sortKeyName)) {
            throw new IllegalArgumentException("partition and sort key names must differ, both were " + sortKeyName);
        }
        SummaryWindow.requireInterval(interval);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofDays(1)) < 0 || ttl.compareTo(Duration.ofDays(MAX_TTL_DAYS)) > 0) {
            throw new IllegalArgumentException("summary TTL must be 1.." + MAX_TTL_DAYS + " days, was " + ttl);
        }
        Objects.requireNonNull(bedrock, "bedrock");
        Objects.requireNonNull(keys, "keys");
    }

    /**
     * Reads {@code TABLE_NAME} (required), {@code PARTITION_KEY_NAME} ({@code PK}), {@code SORT_KEY_NAME}
     * ({@code SK}), {@code SUMMARY_INTERVAL} (10), {@code SUMMARY_TTL_DAYS} (30), {@code BEDROCK_MODEL_ID}
     * (empty → local summarizer), {@code BEDROCK_MAX_TOKENS} (512), {@code BEDROCK_TEMPERATURE} (0.2).
     * Blank values count as unset.
     *
     * @throws IllegalArgumentException naming the variable and its bad value
     */
    public static SummaryConfig fromEnvironment(Map<String, String> env) {
        Optional<String> modelId = value(env, BEDROCK_MODEL_ID);
        Optional<BedrockSettings> bedrock = modelId.map(id -> new BedrockSettings(id,
                intValue(env, BEDROCK_MAX_TOKENS, 512, 1, BedrockSettings.MAX_TOKENS),
                doubleValue(env, BEDROCK_TEMPERATURE, 0.2)));
        return new SummaryConfig(
                value(env, TABLE_NAME).orElseThrow(() -> new IllegalArgumentException(TABLE_NAME + " must be set")),
                value(env, PARTITION_KEY_NAME).orElse("PK"),
                value(env, SORT_KEY_NAME).orElse("SK"),
                intValue(env, SUMMARY_INTERVAL, 10, 1, SummaryWindow.MAX_INTERVAL),
                Duration.ofDays(intValue(env, SUMMARY_TTL_DAYS, 30, 1, MAX_TTL_DAYS)),
                bedrock,
                SessionKeys.DEFAULT);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** ASCII digits in {@code min..max}; anything else (a 20-digit value too) is refused naming the range. */
    static int intValue(Map<String, String> env, String name, int fallback, int min, int max) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String text = raw.get();
        return (int) Texts.wholeNumber(text, min, max).orElseThrow(() -> new IllegalArgumentException(name
                + " must be an integer " + min + ".." + max + ", was " + WindowReader.quote(text)));
    }

    private static double doubleValue(Map<String, String> env, String name, double fallback) {
        Optional<String> raw = value(env, name);
        try {
            return raw.map(Double::parseDouble).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was " + WindowReader.quote(raw.get()), e);
        }
    }

    private static void requireAttributeName(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException(what + " must be 1..255 characters, was '" + name + "'");
        }
    }
}
