package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.hotkey.RateMode;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.ThresholdScope;
import dev.streampipe.monitor.stream.EventTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorSettingsTest {

    private static final String ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";

    @Test
    void shouldUseDefaultsWhenOnlyTheStreamArnIsSet() {
        // GIVEN only the required key
        // WHEN parsed
        MonitorConfig config = MonitorSettings.parse(Map.of("STREAM_ARN", ARN));
        // THEN every other option has its documented default
        assertThat(config.tableName()).isEqualTo("sessions");
        assertThat(config.streamRegion()).isEqualTo("eu-west-1");
        assertThat(config.applicationName()).isEqualTo("streampipe-hotkey-monitor");
        assertThat(config.metricNamespace()).isEqualTo("streampipe/HotKeys");
        assertThat(config.alertTopicArn()).isEmpty();
        assertThat(config.partitionKeyName()).isEqualTo("PK");
        assertThat(config.hotKey().defaultThreshold()).isEqualTo(Threshold.ofWcu(800));
        assertThat(config.hotKey().windowSeconds()).isEqualTo(10);
        assertThat(config.thresholdOverrides()).isEmpty();
        assertThat(config.evaluateInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.initialPosition()).isEqualTo(MonitorConfig.InitialPosition.LATEST);
        assertThat(config.eventTime()).isEqualTo(EventTime.PROCESSING);
        assertThat(config.targetUtilization()).isEqualTo(0.8);
    }

    @Test
    void shouldReadEveryOptionWhenAllAreSet() {
        // GIVEN every key
        Map<String, String> values = new HashMap<>();
        values.put("STREAM_ARN", ARN);
        values.put("APPLICATION_NAME", "hot-keys");
        values.put("WORKER_ID", "w1");
        values.put("ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:hot-keys");
        values.put("ALERT_FILE", "/tmp/alerts.jsonl");
        values.put("METRIC_NAMESPACE", "app/Hot");
        values.put("PARTITION_KEY_NAME", "pk");
        values.put("HOT_KEY_WCU_PER_SECOND", "500");
        values.put("HOT_KEY_WRITES_PER_SECOND", "400");
        values.put("HOT_KEY_THRESHOLDS", "orders/=300; /TENANT#=200:*; sessions/SESSION#=100:50");
        values.put("HOT_KEY_WINDOW_SECONDS", "30");
        values.put("HOT_KEY_RATE_MODE", "window-average");
        values.put("HOT_KEY_RECOVERY_FRACTION", "0.5");
        values.put("HOT_KEY_RECOVERY_HOLD_SECONDS", "7");
        values.put("HOT_KEY_COOLDOWN_SECONDS", "120");
        values.put("HOT_KEY_MAX_TRACKED_KEYS", "2048");
        values.put("TOP_KEYS", "3");
        values.put("TARGET_UTILIZATION", "0.5");
        values.put("EVALUATE_INTERVAL_MILLIS", "500");
        values.put("CHECKPOINT_INTERVAL_MILLIS", "2000");
        values.put("INITIAL_POSITION", "trim_horizon");
        values.put("EVENT_TIME", "creation");
        values.put("IDLE_TIME_BETWEEN_READS_MILLIS", "100");
        values.put("FAILOVER_TIME_MILLIS", "3000");
        values.put("KCL_METRICS_LEVEL", "NONE");
        // WHEN parsed
        MonitorConfig config = MonitorSettings.parse(values);
        // THEN each lands where it belongs
        assertThat(config.applicationName()).isEqualTo("hot-keys");
        assertThat(config.workerId()).isEqualTo("w1");
        assertThat(config.alertTopicArn()).contains("arn:aws:sns:eu-west-1:123456789012:hot-keys");
        assertThat(config.alertFile()).contains(Path.of("/tmp/alerts.jsonl"));
        assertThat(config.metricNamespace()).isEqualTo("app/Hot");
        assertThat(config.partitionKeyName()).isEqualTo("pk");
        assertThat(config.hotKey().defaultThreshold()).isEqualTo(Threshold.of(500, 400));
        assertThat(config.thresholdOverrides()).containsOnly(
                Map.entry(ThresholdScope.table("orders"), Threshold.ofWcu(300)),
                Map.entry(ThresholdScope.prefix("TENANT#"), Threshold.ofWcu(200)),
                Map.entry(ThresholdScope.tableAndPrefix("sessions", "SESSION#"), Threshold.of(100, 50)));
        assertThat(config.hotKey().windowSeconds()).isEqualTo(30);
        assertThat(config.hotKey().rateMode()).isEqualTo(RateMode.WINDOW_AVERAGE);
        assertThat(config.hotKey().recoveryFraction()).isEqualTo(0.5);
        assertThat(config.hotKey().recoveryHold()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.hotKey().cooldown()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.hotKey().maxTrackedKeysPerTable()).isEqualTo(2048);
        assertThat(config.topKeys()).isEqualTo(3);
        assertThat(config.targetUtilization()).isEqualTo(0.5);
        assertThat(config.evaluateInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.initialPosition()).isEqualTo(MonitorConfig.InitialPosition.TRIM_HORIZON);
        assertThat(config.eventTime()).isEqualTo(EventTime.CREATION);
        assertThat(config.idleTimeBetweenReads()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.failoverTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.kclMetricsLevel()).isEqualTo(MonitorConfig.KclMetricsLevel.NONE);
    }

    @Test
    void shouldLetTheEnvironmentWinWhenTheFileAndTheEnvironmentSetTheSameKey(@TempDir Path dir) throws IOException {
        // GIVEN a file with a threshold and a stream, and an environment overriding the threshold
        Path file = dir.resolve("monitor.properties");
        Files.writeString(file, "STREAM_ARN=" + ARN.replace(":", "\\:") + "\nHOT_KEY_WCU_PER_SECOND=600\nTOP_KEYS=4\n",
                StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("HOT_KEY_WCU_PER_SECOND", "900", "TOP_KEYS", " ", "PATH", "/bin");
        // WHEN merged and parsed
        MonitorConfig config = MonitorSettings.parse(MonitorSettings.merge(MonitorSettings.readFile(file), environment));
        // THEN the environment's value wins, a blank variable does not, unrelated variables are ignored
        assertThat(config.streamArn()).isEqualTo(ARN);
        assertThat(config.hotKey().defaultThreshold().wcuPerSecond()).isEqualTo(900);
        assertThat(config.topKeys()).isEqualTo(4);
    }

    @Test
    void shouldReadTheFileNamedByTheConfigArgumentWhenGiven(@TempDir Path dir) throws IOException {
        // GIVEN a file named on the command line and another one in CONFIG_FILE
        Path chosen = dir.resolve("chosen.properties");
        Files.writeString(chosen, "STREAM_ARN=" + ARN.replace(":", "\\:") + "\nTOP_KEYS=7\n", StandardCharsets.UTF_8);
        Path other = dir.resolve("other.properties");
        Files.writeString(other, "TOP_KEYS=9\n", StandardCharsets.UTF_8);
        // WHEN the app's settings are read
        Map<String, String> settings = Launch.settings(
                CommandLine.parse("--config", chosen.toString()), Map.of("CONFIG_FILE", other.toString()));
        // THEN the argument wins over CONFIG_FILE
        assertThat(MonitorSettings.parse(settings).topKeys()).isEqualTo(7);
    }

    @Test
    void shouldNameEveryBadValueWhenSeveralAreWrong() {
        // GIVEN several bad values
        Map<String, String> values = new HashMap<>();
        values.put("STREAM_ARN", ARN);
        values.put("HOT_KEY_WCU_PER_SECOND", "lots");
        values.put("HOT_KEY_WINDOW_SECONDS", "0");
        values.put("TOP_KEYS", "many");
        values.put("TARGET_UTILIZATION", "1.5");
        values.put("INITIAL_POSITION", "AT_TIMESTAMP");
        values.put("HOT_KEY_RATE_MODE", "fastest");
        // WHEN parsed
        // THEN one exception lists each key with its value
        assertThatThrownBy(() -> MonitorSettings.parse(values))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("HOT_KEY_WCU_PER_SECOND must be a number in (0, 1000000] or * for unlimited, "
                        + "was 'lots'")
                .hasMessageContaining("HOT_KEY_WINDOW_SECONDS must be an integer 1..300, was '0'")
                .hasMessageContaining("TOP_KEYS must be an integer 1..100, was 'many'")
                .hasMessageContaining("TARGET_UTILIZATION must be a number in (0, 1], was '1.5'")
                .hasMessageContaining("INITIAL_POSITION must be one of [LATEST, TRIM_HORIZON], was 'AT_TIMESTAMP'")
                .hasMessageContaining("HOT_KEY_RATE_MODE must be one of [LAST_SECOND, WINDOW_AVERAGE, "
                        + "MAX_OF_LAST_SECOND_AND_AVERAGE], was 'fastest'");
    }

    @Test
    void shouldRejectTheConfigWhenTheStreamArnIsMissingOrMalformed() {
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of()))
                .hasMessageContaining("STREAM_ARN is required");
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", "arn:aws:kinesis:eu-west-1:1:stream/x")))
                .hasMessageContaining("STREAM_ARN must be a DynamoDB stream ARN")
                .hasMessageContaining("was 'arn:aws:kinesis:eu-west-1:1:stream/x'");
    }

    @Test
    void shouldNameTheKeyWhenADurationIsOutOfRange() {
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "CHECKPOINT_INTERVAL_MILLIS", "50")))
                .hasMessageContaining("CHECKPOINT_INTERVAL_MILLIS must be an integer 100..600000, was '50'");
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "FAILOVER_TIME_MILLIS", "-1")))
                .hasMessageContaining("FAILOVER_TIME_MILLIS must be an integer 1000..600000, was '-1'");
    }

    @Test
    void shouldNameTheRuleWhenAThresholdRuleIsMalformed() {
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "HOT_KEY_THRESHOLDS", "orders=300")))
                .hasMessageContaining("HOT_KEY_THRESHOLDS rule must look like <table>/<prefix>=<wcu>[:<writes>], was 'orders=300'");
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "HOT_KEY_THRESHOLDS", "orders/=0")))
                .hasMessageContaining("HOT_KEY_THRESHOLDS rule 'orders/=0' limit must be a number in (0, 1000000] or * "
                        + "for unlimited, was '0'");
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "HOT_KEY_THRESHOLDS", "/=10")))
                .hasMessageContaining("names neither a table nor a prefix");
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "HOT_KEY_THRESHOLDS", "aaa/=1;aaa/=2")))
                .hasMessageContaining("HOT_KEY_THRESHOLDS has two rules for table 'aaa'");
    }

    @Test
    void shouldParseTheShippedExampleWhenReadAsTheJarReadsIt() {
        // GIVEN the example the README points to  WHEN read, merged with no environment and parsed
        MonitorConfig config = MonitorSettings.parse(MonitorSettings.merge(
                MonitorSettings.readFile(Path.of("monitor.properties.example")), Map.of()));
        // THEN every value in it is valid
        assertThat(config.tableName()).isEqualTo("sessions");
        assertThat(config.thresholdOverrides()).hasSize(2);
    }

    @Test
    void shouldRejectUnknownFileKeysWhenMerging() {
        assertThatThrownBy(() -> MonitorSettings.merge(Map.of("STREAM_ARN", ARN, "HOT_KEY_WCU", "5"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown settings in the config file")
                .hasMessageEndingWith(": 'HOT_KEY_WCU'");
    }
}
