package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.RateMode;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.monitor.stream.EventTime;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
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
 * <p><b>Values.</b> Integers and decimals are ASCII digits with an optional sign, read exactly and checked
 * against their range (no exponent, {@code NaN} or {@code Infinity}; a 30-digit value is out of range, never
 * wrapped); durations are whole milliseconds or seconds as the key's name says; names follow AWS's rules
 * (table, lease table, namespace, topic ARN); {@code DYNAMODB_ENDPOINT} is an {@code http(s)} URL.
 *
 * <p>Every bad value is reported at once in one {@link InvalidConfigException}, each message naming its key and
 * value (cut short when long).
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
     * @throws InvalidConfigException if the file holds a key the monitor does not know
     */
    public static Map<String, String> merge(Map<String, String> file, Map<String, String> environment) {
        Set<String> unknown = new TreeSet<>(file.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            List<String> named = unknown.stream().map(MonitorSettings::unknownKey).toList();
            throw new InvalidConfigException("unknown settings in the config file (it uses the environment variable "
                    + "names, e.g. " + STREAM_ARN + "): ", named);
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

    /**
     * Reads a properties file: UTF-8 text, each key once.
     *
     * @throws InvalidConfigException naming the file when it is missing, a directory, unreadable, binary,
     *                                not UTF-8, too large, or sets a key twice
     */
    public static Map<String, String> readFile(Path file) {
        return ConfigFile.read(file, "config file " + Texts.shown(file.toString()));
    }

    /**
     * Parses merged settings.
     *
     * @throws InvalidConfigException listing every bad or missing value, each naming its key
     */
    public static MonitorConfig parse(Map<String, String> values) {
        return new MonitorSettings(values).parse();
    }

    /**
     * The emulator endpoint {@code DYNAMODB_ENDPOINT} names; empty when unset. {@link #parse} checks it too.
     *
     * @throws InvalidConfigException if it is not an {@code http(s)} URL
     */
    public static Optional<URI> emulatorEndpoint(Map<String, String> values) {
        MonitorSettings settings = new MonitorSettings(values);
        Optional<URI> endpoint = settings.endpoint();
        settings.throwIfProblems();
        return endpoint;
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
        string(ALERT_FILE, value -> builder.alertFile(path(ALERT_FILE, value)));
        string(METRIC_NAMESPACE, builder::metricNamespace);
        string(PARTITION_KEY_NAME, builder::partitionKeyName);
        builder.hotKey(hotKeyConfig());
        builder.thresholdOverrides(ThresholdRules.parse(HOT_KEY_THRESHOLDS, get(HOT_KEY_THRESHOLDS), problems));
        integer(TOP_KEYS, 1, 100, builder::topKeys);
        fraction(TARGET_UTILIZATION, builder::targetUtilization);
        millis(EVALUATE_INTERVAL_MILLIS, MonitorConfig.EVALUATE_INTERVAL_MIN, MonitorConfig.EVALUATE_INTERVAL_MAX,
                builder::evaluateInterval);
        millis(CHECKPOINT_INTERVAL_MILLIS, MonitorConfig.CHECKPOINT_INTERVAL_MIN,
                MonitorConfig.CHECKPOINT_INTERVAL_MAX, builder::checkpointInterval);
        choice(INITIAL_POSITION, MonitorConfig.InitialPosition.class, builder::initialPosition);
        choice(EVENT_TIME, EventTime.class, builder::eventTime);
        millis(IDLE_TIME_BETWEEN_READS_MILLIS, MonitorConfig.IDLE_TIME_MIN, MonitorConfig.IDLE_TIME_MAX,
                builder::idleTimeBetweenReads);
        millis(FAILOVER_TIME_MILLIS, MonitorConfig.FAILOVER_TIME_MIN, MonitorConfig.FAILOVER_TIME_MAX,
                builder::failoverTime);
        choice(KCL_METRICS_LEVEL, MonitorConfig.KclMetricsLevel.class, builder::kclMetricsLevel);
        endpoint();
        MonitorConfig config = null;
        if (problems.isEmpty()) {
            try {
                config = builder.build();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throwIfProblems();
        return config;
    }

    private void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("invalid monitor configuration: ", problems);
        }
    }

    private HotKeyConfig hotKeyConfig() {
        HotKeyConfig.Builder hot = HotKeyConfig.defaults().toBuilder();
        OptionalDouble wcu = rate(HOT_KEY_WCU_PER_SECOND, 800);
        OptionalDouble writes = rate(HOT_KEY_WRITES_PER_SECOND, Threshold.UNLIMITED);
        if (wcu.isPresent() && writes.isPresent()) {
            hot.defaultThreshold(Threshold.of(wcu.getAsDouble(), writes.getAsDouble()));
        }
        integer(HOT_KEY_WINDOW_SECONDS, 1, 300, hot::windowSeconds);
        choice(HOT_KEY_RATE_MODE, RateMode.class, hot::rateMode);
        fraction(HOT_KEY_RECOVERY_FRACTION, hot::recoveryFraction);
        integer(HOT_KEY_RECOVERY_HOLD_SECONDS, 0, 86_400, seconds -> hot.recoveryHold(Duration.ofSeconds(seconds)));
        integer(HOT_KEY_COOLDOWN_SECONDS, 0, 86_400, seconds -> hot.cooldown(Duration.ofSeconds(seconds)));
        integer(HOT_KEY_MAX_TRACKED_KEYS, HotKeyConfig.defaults().stripes(), 1 << 20, hot::maxTrackedKeysPerTable);
        return hot.build();
    }

    private OptionalDouble rate(String key, double fallback) {
        String value = get(key);
        if (value == null) {
            return OptionalDouble.of(fallback);
        }
        OptionalDouble rate = ThresholdRules.rate(value);
        if (rate.isEmpty()) {
            problems.add(key + " must be " + ThresholdRules.RATE + ", was " + Texts.shown(value));
        }
        return rate;
    }

    private void fraction(String key, DoubleConsumer setter) {
        String value = get(key);
        if (value != null) {
            Numbers.decimal(value, 0, 1).ifPresentOrElse(setter,
                    () -> problems.add(key + " must be a number in (0, 1], was " + Texts.shown(value)));
        }
    }

    private void integer(String key, long min, long max, IntConsumer setter) {
        String value = get(key);
        if (value != null) {
            OptionalLong parsed = Numbers.integer(value, min, max);
            parsed.ifPresentOrElse(n -> setter.accept(Math.toIntExact(n)),
                    () -> problems.add(key + " must be an integer " + min + ".." + max + ", was " + Texts.shown(value)));
        }
    }

    private void millis(String key, Duration min, Duration max, Consumer<Duration> setter) {
        integer(key, min.toMillis(), max.toMillis(), millis -> setter.accept(Duration.ofMillis(millis)));
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
            problems.add(key + " must be one of " + names + ", was " + Texts.shown(value));
        }
    }

    private Path path(String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(key + " must be a file path, was " + Texts.shown(value) + " (" + e.getReason() + ")");
            return null;
        }
    }

    private Optional<URI> endpoint() {
        String value = get(DYNAMODB_ENDPOINT);
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean url = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && (uri.getPort() == -1 || uri.getPort() >= 1 && uri.getPort() <= 65_535);
            if (url) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below, like any other value that is not an endpoint
        }
        problems.add(DYNAMODB_ENDPOINT + " must be an emulator's http(s) URL such as http://127.0.0.1:5000, was "
                + Texts.shown(value));
        return Optional.empty();
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

    private static String unknownKey(String key) {
        String upper = key.strip().toUpperCase(Locale.ROOT);
        return Texts.shown(key) + (KEYS.contains(upper) ? " (did you mean " + upper + "?)" : "");
    }
}
