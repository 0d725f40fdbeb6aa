package dev.streampipe.monitor;

import dev.streampipe.core.hotkey.HotKeyConfig;
import dev.streampipe.core.hotkey.RateMode;
import dev.streampipe.core.hotkey.Threshold;
import dev.streampipe.monitor.stream.EventTime;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * Reads a {@link MonitorConfig} from a properties file and the environment.
 *
 * <p><b>One set of names.</b> The file uses the same keys as the environment ({@code STREAM_ARN=...}).
 * <b>The environment wins</b>: the file carries the deployment's defaults and a variable set on the
 * container overrides one key without editing the file. The file is named by {@code --config <path>}
 * or, failing that, {@code CONFIG_FILE}. Unknown keys in the file are errors (typos fail fast);
 * unrelated environment variables are ignored.
 *
 * <p><b>Thresholds.</b> {@code HOT_KEY_WCU_PER_SECOND} (default 800) and {@code HOT_KEY_WRITES_PER_SECOND}
 * (default unlimited) make the default threshold. {@code HOT_KEY_THRESHOLDS} adds overrides as
 * {@code ;}-separated {@code <table>/<prefix>=<wcu>[:<writes>]} rules; leave the table or the prefix
 * empty for "any", write {@code *} for an unlimited rate, e.g.
 * {@code orders/=500; /TENANT#=300; sessions/SESSION#=200:50}. Most specific wins
 * (table + prefix &gt; prefix &gt; table &gt; default).
 *
 * <p>Every bad value is reported at once, each message naming its key and value.
 */
public final class MonitorSettings {

    public static final String STREAM_ARN = "STREAM_ARN";
    public static final String APPLICATION_NAME = "APPLICATION_NAME";
    public static final String WORKER_ID = "WORKER_ID";
    public static final String ALERT_TOPIC_ARN = "ALERT_TOPIC_ARN";
    public static final String ALERT_FILE = "ALERT_FILE";
    public static final String METRIC_NAMESPACE = "METRIC_NAMESPACE";
    public static final String PARTITION_KEY_NAME = "PARTITION_KEY_NAME";
    public static final String HOT_KEY_WCU_PER_SECOND = "HOT_KEY_WCU_PER_SECOND";
    public static final String HOT_KEY_WRITES_PER_SECOND = "HOT_KEY_WRITES_PER_SECOND";
    public static final String HOT_KEY_THRESHOLDS = "HOT_KEY_THRESHOLDS";
    public static final String HOT_KEY_WINDOW_SECONDS = "HOT_KEY_WINDOW_SECONDS";
    public static final String HOT_KEY_RATE_MODE = "HOT_KEY_RATE_MODE";
    public static final String HOT_KEY_RECOVERY_FRACTION = "HOT_KEY_RECOVERY_FRACTION";
    public static final String HOT_KEY_RECOVERY_HOLD_SECONDS = "HOT_KEY_RECOVERY_HOLD_SECONDS";
    public static final String HOT_KEY_COOLDOWN_SECONDS = "HOT_KEY_COOLDOWN_SECONDS";
    public static final String HOT_KEY_MAX_TRACKED_KEYS = "HOT_KEY_MAX_TRACKED_KEYS";
    public static final String TOP_KEYS = "TOP_KEYS";
    public static final String TARGET_UTILIZATION = "TARGET_UTILIZATION";
    public static final String EVALUATE_INTERVAL_MILLIS = "EVALUATE_INTERVAL_MILLIS";
    public static final String CHECKPOINT_INTERVAL_MILLIS = "CHECKPOINT_INTERVAL_MILLIS";
    public static final String INITIAL_POSITION = "INITIAL_POSITION";
    public static final String EVENT_TIME = "EVENT_TIME";
    public static final String IDLE_TIME_BETWEEN_READS_MILLIS = "IDLE_TIME_BETWEEN_READS_MILLIS";
    public static final String FAILOVER_TIME_MILLIS = "FAILOVER_TIME_MILLIS";
    public static final String KCL_METRICS_LEVEL = "KCL_METRICS_LEVEL";
    /**
     * An emulator's endpoint (moto), which then serves DynamoDB, DynamoDB Streams and SNS; no CloudWatch
     * metrics are published. Read by the app, not the config.
     */
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    /** The properties file, when no {@code --config} argument is given. */
    public static final String CONFIG_FILE = "CONFIG_FILE";

    /** Every key the monitor reads. */
    public static final Set<String> KEYS = Set.of(STREAM_ARN, APPLICATION_NAME, WORKER_ID, ALERT_TOPIC_ARN,
            ALERT_FILE, METRIC_NAMESPACE, PARTITION_KEY_NAME, HOT_KEY_WCU_PER_SECOND, HOT_KEY_WRITES_PER_SECOND,
            HOT_KEY_THRESHOLDS, HOT_KEY_WINDOW_SECONDS, HOT_KEY_RATE_MODE, HOT_KEY_RECOVERY_FRACTION,
            HOT_KEY_RECOVERY_HOLD_SECONDS, HOT_KEY_COOLDOWN_SECONDS, HOT_KEY_MAX_TRACKED_KEYS, TOP_KEYS,
            TARGET_UTILIZATION, EVALUATE_INTERVAL_MILLIS, CHECKPOINT_INTERVAL_MILLIS, INITIAL_POSITION, EVENT_TIME,
            IDLE_TIME_BETWEEN_READS_MILLIS, FAILOVER_TIME_MILLIS, KCL_METRICS_LEVEL, DYNAMODB_ENDPOINT);

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private MonitorSettings(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The file's entries overlaid with the environment's known keys (environment wins). Blank
     * environment values count as unset.
     *
     * @throws IllegalArgumentException if the file holds a key the monitor does not know
     */
    public static Map<String, String> merge(Map<String, String> file, Map<String, String> environment) {
        Set<String> unknown = new TreeSet<>(file.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown settings in the config file: " + unknown
                    + " (the file uses the environment variable names, e.g. " + STREAM_ARN + ")");
        }
        Map<String, String> merged = new LinkedHashMap<>(file);
        for (String key : KEYS) {
            String value = environment.get(key);
            if (value != null && !value.isBlank()) {
                merged.put(key, value);
            }
        }
        return merged;
    }

    /** Reads a properties file (UTF-8). */
    public static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /**
     * Parses merged settings.
     *
     * @throws IllegalArgumentException listing every bad or missing value, each naming its key
     */
    public static MonitorConfig parse(Map<String, String> values) {
        return new MonitorSettings(values).parse();
    }

    private MonitorConfig parse() {
        String streamArn = get(STREAM_ARN);
        if (streamArn == null) {
            problems.add(STREAM_ARN + " is required");
        }
        MonitorConfig.Builder builder = MonitorConfig.builder(streamArn);
        string(APPLICATION_NAME, builder::applicationName);
        string(WORKER_ID, builder::workerId);
        string(ALERT_TOPIC_ARN, builder::alertTopicArn);
        string(ALERT_FILE, value -> builder.alertFile(Path.of(value)));
        string(METRIC_NAMESPACE, builder::metricNamespace);
        string(PARTITION_KEY_NAME, builder::partitionKeyName);
        builder.hotKey(hotKeyConfig());
        builder.thresholdOverrides(ThresholdRules.parse(HOT_KEY_THRESHOLDS, get(HOT_KEY_THRESHOLDS), problems));
        integer(TOP_KEYS, 1, 100, builder::topKeys);
        fraction(TARGET_UTILIZATION, builder::targetUtilization);
        millis(EVALUATE_INTERVAL_MILLIS, builder::evaluateInterval);
        millis(CHECKPOINT_INTERVAL_MILLIS, builder::checkpointInterval);
        choice(INITIAL_POSITION, MonitorConfig.InitialPosition.class, builder::initialPosition);
        choice(EVENT_TIME, EventTime.class, builder::eventTime);
        millis(IDLE_TIME_BETWEEN_READS_MILLIS, builder::idleTimeBetweenReads);
        millis(FAILOVER_TIME_MILLIS, builder::failoverTime);
        choice(KCL_METRICS_LEVEL, MonitorConfig.KclMetricsLevel.class, builder::kclMetricsLevel);
        if (problems.isEmpty()) {
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException("invalid monitor configuration: " + String.join("; ", problems));
    }

    private HotKeyConfig hotKeyConfig() {
        HotKeyConfig.Builder hot = HotKeyConfig.defaults().toBuilder();
        double wcu = rate(HOT_KEY_WCU_PER_SECOND, 800);
        double writes = rate(HOT_KEY_WRITES_PER_SECOND, Threshold.UNLIMITED);
        if (wcu > 0 && writes > 0) {
            hot.defaultThreshold(Threshold.of(wcu, writes));
        }
        integer(HOT_KEY_WINDOW_SECONDS, 1, 300, hot::windowSeconds);
        choice(HOT_KEY_RATE_MODE, RateMode.class, hot::rateMode);
        fraction(HOT_KEY_RECOVERY_FRACTION, hot::recoveryFraction);
        integer(HOT_KEY_RECOVERY_HOLD_SECONDS, 0, 86_400, seconds -> hot.recoveryHold(Duration.ofSeconds(seconds)));
        integer(HOT_KEY_COOLDOWN_SECONDS, 0, 86_400, seconds -> hot.cooldown(Duration.ofSeconds(seconds)));
        integer(HOT_KEY_MAX_TRACKED_KEYS, HotKeyConfig.defaults().stripes(), 1 << 20, hot::maxTrackedKeysPerTable);
        return hot.build();
    }

    private double rate(String key, double fallback) {
        String value = get(key);
        if (value == null) {
            return fallback;
        }
        if (value.equals("*")) {
            return Threshold.UNLIMITED;
        }
        double parsed = parseDouble(value);
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            problems.add(key + " must be a number > 0 (or * for unlimited), was '" + value + "'");
            return -1;
        }
        return parsed;
    }

    private void fraction(String key, DoubleConsumer setter) {
        String value = get(key);
        if (value == null) {
            return;
        }
        double parsed = parseDouble(value);
        if (parsed > 0 && parsed <= 1) {
            setter.accept(parsed);
        } else {
            problems.add(key + " must be a number in (0, 1], was '" + value + "'");
        }
    }

    private void integer(String key, long min, long max, IntConsumer setter) {
        String value = get(key);
        if (value == null) {
            return;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                setter.accept((int) parsed);
                return;
            }
        } catch (NumberFormatException e) {
            // reported below, with the key, like an out-of-range value
        }
        problems.add(key + " must be an integer " + min + ".." + max + ", was '" + value + "'");
    }

    private void millis(String key, Consumer<Duration> setter) {
        integer(key, 0, Integer.MAX_VALUE, millis -> setter.accept(Duration.ofMillis(millis)));
    }

    private <E extends Enum<E>> void choice(String key, Class<E> type, Consumer<E> setter) {
        String value = get(key);
        if (value == null) {
            return;
        }
        try {
            setter.accept(Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            problems.add(key + " must be one of " + names + ", was '" + value + "'");
        }
    }

    private void string(String key, Consumer<String> setter) {
        String value = get(key);
        if (value != null) {
            setter.accept(value);
        }
    }

    private String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static double parseDouble(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN; // every caller reports NaN as "must be a number ..." with its key
        }
    }
}
