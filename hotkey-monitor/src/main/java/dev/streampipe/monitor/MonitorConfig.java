package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.ThresholdScope;
import dev.streampipe.monitor.stream.EventTime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Everything the hot-key monitor needs to run, validated. Build with {@link #builder(String)} or
 * parse with {@link MonitorSettings}; every option but the stream ARN has a default.
 *
 * @param streamArn            the table's DynamoDB stream ARN
 * @param applicationName      KCL application name: also the lease table's name
 * @param workerId             this worker's KCL identifier, unique among the application's workers
 * @param alertTopicArn        SNS topic for HOT / RECOVERED messages; empty: no SNS
 * @param alertFile            a JSON-lines file alerts are appended to; empty: none
 * @param metricNamespace      CloudWatch namespace of the per-table metrics
 * @param partitionKeyName     the table's partition key attribute, read from each record's Keys
 * @param hotKey               the engine's options (default threshold, window, hysteresis, memory)
 * @param thresholdOverrides   per-table and per-key-prefix thresholds; most specific wins
 * @param topKeys              keys listed per table in metrics snapshots and alert messages, 1..100
 * @param targetUtilization    fraction of the 1,000 WCU/s partition limit a write shard should run at, (0, 1]
 * @param evaluateInterval     how often the engine is evaluated and metrics published, 100 ms..60 s
 * @param checkpointInterval   how often each shard processor checkpoints, 100 ms..10 min
 * @param initialPosition      where a shard without a checkpoint starts
 * @param eventTime            which instant a write is counted at
 * @param idleTimeBetweenReads pause of a shard poller after an empty read, 10 ms..10 s
 * @param failoverTime         KCL lease duration: a dead worker's shards move after this, 1 s..10 min
 * @param kclMetricsLevel      KCL's own CloudWatch metrics; forced to NONE on emulator clients
 *                             ({@link MonitorClients#isEmulator()})
 */
public record MonitorConfig(
        String streamArn,
        String applicationName,
        String workerId,
        Optional<String> alertTopicArn,
        Optional<Path> alertFile,
        String metricNamespace,
        String partitionKeyName,
        HotKeyConfig hotKey,
        Map<ThresholdScope, Threshold> thresholdOverrides,
        int topKeys,
        double targetUtilization,
        Duration evaluateInterval,
        Duration checkpointInterval,
        InitialPosition initialPosition,
        EventTime eventTime,
        Duration idleTimeBetweenReads,
        Duration failoverTime,
        KclMetricsLevel kclMetricsLevel) {

    /** Default CloudWatch namespace. */
    public static final String DEFAULT_NAMESPACE = "streampipe/HotKeys";
    /** Default KCL application name. */
    public static final String DEFAULT_APPLICATION_NAME = "streampipe-hotkey-monitor";

    static final Duration EVALUATE_INTERVAL_MIN = Duration.ofMillis(100);
    static final Duration EVALUATE_INTERVAL_MAX = Duration.ofSeconds(60);
    static final Duration CHECKPOINT_INTERVAL_MIN = Duration.ofMillis(100);
    static final Duration CHECKPOINT_INTERVAL_MAX = Duration.ofMinutes(10);
    static final Duration IDLE_TIME_MIN = Duration.ofMillis(10);
    static final Duration IDLE_TIME_MAX = Duration.ofSeconds(10);
    static final Duration FAILOVER_TIME_MIN = Duration.ofSeconds(1);
    static final Duration FAILOVER_TIME_MAX = Duration.ofMinutes(10);

    private static final Pattern STREAM_ARN = Pattern.compile(
            "arn:aws[-a-z]*:dynamodb:[-a-z0-9]+:[0-9]{12}:table/[A-Za-z0-9_.-]{3,255}/stream/[^\\s/]{1,255}");
    private static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern TOPIC_ARN = Pattern.compile(
            "arn:aws[-a-z]*:sns:[-a-z0-9]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern NAMESPACE = Pattern.compile("(?!AWS/)[0-9A-Za-z._/#-][0-9A-Za-z._/#: -]{0,254}");
    private static final int MAX_WORKER_ID = 256;
    private static final int MAX_ATTRIBUTE_NAME_BYTES = 255;

    /** Where a shard without a checkpoint starts reading. */
    public enum InitialPosition { LATEST, TRIM_HORIZON }

    /** KCL's own metrics level. */
    public enum KclMetricsLevel { NONE, SUMMARY, DETAILED }

    public MonitorConfig {
        require(streamArn != null && STREAM_ARN.matcher(streamArn).matches(),
                "STREAM_ARN must be a DynamoDB stream ARN (arn:aws:dynamodb:<region>:<account>:table/<t>/stream/<label>), was "
                        + Texts.shown(streamArn));
        require(applicationName != null && APPLICATION_NAME.matcher(applicationName).matches(),
                "APPLICATION_NAME must be 3..255 characters of [A-Za-z0-9_.-], was " + Texts.shown(applicationName));
        require(workerId != null && !workerId.isBlank() && workerId.length() <= MAX_WORKER_ID,
                "WORKER_ID must be 1.." + MAX_WORKER_ID + " characters, not blank, was " + Texts.shown(workerId));
        Objects.requireNonNull(alertTopicArn, "alertTopicArn");
        alertTopicArn.ifPresent(arn -> require(TOPIC_ARN.matcher(arn).matches(),
                "ALERT_TOPIC_ARN must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>), was "
                        + Texts.shown(arn)));
        Objects.requireNonNull(alertFile, "alertFile");
        require(metricNamespace != null && NAMESPACE.matcher(metricNamespace).matches(),
                "METRIC_NAMESPACE must be 1..255 characters of [0-9A-Za-z._/#: -], not starting with ':' or AWS/, was "
                        + Texts.shown(metricNamespace));
        require(partitionKeyName != null && !partitionKeyName.isBlank()
                        && partitionKeyName.getBytes(StandardCharsets.UTF_8).length <= MAX_ATTRIBUTE_NAME_BYTES,
                "PARTITION_KEY_NAME must be an attribute name of 1.." + MAX_ATTRIBUTE_NAME_BYTES
                        + " UTF-8 bytes, not blank, was " + Texts.shown(partitionKeyName));
        Objects.requireNonNull(hotKey, "hotKey");
        thresholdOverrides = Map.copyOf(Objects.requireNonNull(thresholdOverrides, "thresholdOverrides"));
        require(topKeys >= 1 && topKeys <= 100, "TOP_KEYS must be 1..100, was " + topKeys);
        require(targetUtilization > 0 && targetUtilization <= 1,
                "TARGET_UTILIZATION must be in (0, 1], was " + targetUtilization);
        requireBetween("EVALUATE_INTERVAL_MILLIS", evaluateInterval, EVALUATE_INTERVAL_MIN, EVALUATE_INTERVAL_MAX);
        requireBetween("CHECKPOINT_INTERVAL_MILLIS", checkpointInterval, CHECKPOINT_INTERVAL_MIN, CHECKPOINT_INTERVAL_MAX);
        Objects.requireNonNull(initialPosition, "initialPosition");
        Objects.requireNonNull(eventTime, "eventTime");
        requireBetween("IDLE_TIME_BETWEEN_READS_MILLIS", idleTimeBetweenReads, IDLE_TIME_MIN, IDLE_TIME_MAX);
        requireBetween("FAILOVER_TIME_MILLIS", failoverTime, FAILOVER_TIME_MIN, FAILOVER_TIME_MAX);
        Objects.requireNonNull(kclMetricsLevel, "kclMetricsLevel");
    }

    /** A builder with every default, for the given stream. */
    public static Builder builder(String streamArn) {
        return new Builder(streamArn);
    }

    /** A builder preset with this config's values. */
    public Builder toBuilder() {
        return new Builder(streamArn).applicationName(applicationName).workerId(workerId)
                .alertTopicArn(alertTopicArn.orElse(null)).alertFile(alertFile.orElse(null))
                .metricNamespace(metricNamespace).partitionKeyName(partitionKeyName).hotKey(hotKey)
                .thresholdOverrides(thresholdOverrides).topKeys(topKeys).targetUtilization(targetUtilization)
                .evaluateInterval(evaluateInterval).checkpointInterval(checkpointInterval)
                .initialPosition(initialPosition).eventTime(eventTime).idleTimeBetweenReads(idleTimeBetweenReads)
                .failoverTime(failoverTime).kclMetricsLevel(kclMetricsLevel);
    }

    /** The table name, taken from the stream ARN ({@code table/<name>/stream/...}). */
    public String tableName() {
        int start = streamArn.indexOf(":table/") + ":table/".length();
        return streamArn.substring(start, streamArn.indexOf("/stream/", start));
    }

    /** The region field of the stream ARN. */
    public String streamRegion() {
        return streamArn.split(":", 6)[3];
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        require(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
                name + " must be " + min.toMillis() + ".." + max.toMillis() + " ms, was "
                        + (value == null ? null : value.toMillis()));
    }

    /** {@code <host name>-<random UUID>}: unique per process, readable in the lease table. */
    static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host"; // the UUID alone keeps the id unique
        }
        return host + "-" + UUID.randomUUID();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String streamArn;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private String workerId;
        private boolean workerIdSet;
        private String alertTopicArn;
        private Path alertFile;
        private String metricNamespace = DEFAULT_NAMESPACE;
        private String partitionKeyName = "PK";
        private HotKeyConfig hotKey = HotKeyConfig.defaults();
        private Map<ThresholdScope, Threshold> thresholdOverrides = Map.of();
        private int topKeys = 5;
        private double targetUtilization = 0.8;
        private Duration evaluateInterval = Duration.ofSeconds(1);
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private InitialPosition initialPosition = InitialPosition.LATEST;
        private EventTime eventTime = EventTime.PROCESSING;
        private Duration idleTimeBetweenReads = Duration.ofMillis(500);
        private Duration failoverTime = Duration.ofSeconds(10);
        private KclMetricsLevel kclMetricsLevel = KclMetricsLevel.SUMMARY;

        private Builder(String streamArn) {
            this.streamArn = streamArn;
        }

        public Builder applicationName(String value) {
            applicationName = value;
            return this;
        }

        public Builder workerId(String value) {
            workerId = value;
            workerIdSet = true;
            return this;
        }

        /** SNS topic ARN, or null for none. */
        public Builder alertTopicArn(String value) {
            alertTopicArn = value;
            return this;
        }

        /** Alert file, or null for none. */
        public Builder alertFile(Path value) {
            alertFile = value;
            return this;
        }

        public Builder metricNamespace(String value) {
            metricNamespace = value;
            return this;
        }

        public Builder partitionKeyName(String value) {
            partitionKeyName = value;
            return this;
        }

        public Builder hotKey(HotKeyConfig value) {
            hotKey = value;
            return this;
        }

        public Builder thresholdOverrides(Map<ThresholdScope, Threshold> value) {
            thresholdOverrides = value;
            return this;
        }

        public Builder topKeys(int value) {
            topKeys = value;
            return this;
        }

        public Builder targetUtilization(double value) {
            targetUtilization = value;
            return this;
        }

        public Builder evaluateInterval(Duration value) {
            evaluateInterval = value;
            return this;
        }

        public Builder checkpointInterval(Duration value) {
            checkpointInterval = value;
            return this;
        }

        public Builder initialPosition(InitialPosition value) {
            initialPosition = value;
            return this;
        }

        public Builder eventTime(EventTime value) {
            eventTime = value;
            return this;
        }

        public Builder idleTimeBetweenReads(Duration value) {
            idleTimeBetweenReads = value;
            return this;
        }

        public Builder failoverTime(Duration value) {
            failoverTime = value;
            return this;
        }

        public Builder kclMetricsLevel(KclMetricsLevel value) {
            kclMetricsLevel = value;
            return this;
        }

        public MonitorConfig build() {
            return new MonitorConfig(streamArn, applicationName, workerIdSet ? workerId : defaultWorkerId(),
                    Optional.ofNullable(alertTopicArn),
                    Optional.ofNullable(alertFile), metricNamespace, partitionKeyName, hotKey, thresholdOverrides,
                    topKeys, targetUtilization, evaluateInterval, checkpointInterval, initialPosition, eventTime,
                    idleTimeBetweenReads, failoverTime, kclMetricsLevel);
        }
    }
}
