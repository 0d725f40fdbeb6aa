package dev.streampipe.local;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.AlertSinks;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.TableSnapshot;
import dev.streampipe.monitor.HotKeyMonitor;
import dev.streampipe.monitor.MonitorClients;
import dev.streampipe.monitor.MonitorConfig;
import dev.streampipe.monitor.alert.AwsAlertSink;
import dev.streampipe.monitor.alert.FileAlertSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The real hot-key monitor (KCL 3 through the DynamoDB Streams Kinesis Adapter) on the local run's stream, from
 * the start of the stream, with local timings; its alerts go to the template's alert topic on moto (as in AWS),
 * to {@code hot-key-alerts.ndjson}, and are kept for the run's checks.
 */
final class KclHotKeyWatch implements HotKeyWatch {
    private final HotKeyMonitor monitor;
    private final MonitorClients clients;
    private final AlertSink sink;
    private final SnsClient sns;
    private final String table;
    private final List<AlertTransition> transitions = new CopyOnWriteArrayList<>();

    private KclHotKeyWatch(MonitorContext ctx) {
        this.table = ctx.tableName();
        this.clients = MonitorClients.local(ctx.emulatorEndpoint());
        this.sns = clients.newSnsClient();
        MonitorConfig config = MonitorConfig.builder(ctx.streamArn())
                .applicationName("streampipe-local-monitor")
                .hotKey(HotKeyConfig.builder().defaultThreshold(Threshold.ofWcu(ctx.thresholdWcuPerSecond())).build())
                .initialPosition(MonitorConfig.InitialPosition.TRIM_HORIZON)
                .evaluateInterval(Duration.ofMillis(500))
                .checkpointInterval(Duration.ofSeconds(5))
                .idleTimeBetweenReads(Duration.ofMillis(100))
                .failoverTime(Duration.ofSeconds(10))
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.NONE)
                .build();
        AlertSink recorder = new AlertSink() {
            @Override
            public void publishMetrics(List<TableSnapshot> snapshots) {
            }

            @Override
            public void publishAlert(KeyAlert alert) {
                transitions.add(alert.transition());
            }
        };
        // no CloudWatch client: moto cannot serve the SDK's CloudWatch protocol (CBOR)
        this.sink = AlertSinks.fanOut(List.of(new FileAlertSink(ctx.alertsFile()), recorder,
                new AwsAlertSink(null, sns, "streampipe-local", Optional.of(ctx.alertTopicArn()))));
        this.monitor = HotKeyMonitor.start(config, clients, Clock.systemUTC(), sink);
    }

    static HotKeyWatch start(MonitorContext ctx) {
        return new KclHotKeyWatch(ctx);
    }

    @Override
    public List<AlertTransition> transitions() {
        return List.copyOf(transitions);
    }

    @Override
    public List<KeyRate> topKeys(String tableName, int n) {
        return monitor.engine().topKeys(tableName, n);
    }

    @Override
    public long recordsProcessed() {
        return monitor.recordsProcessed();
    }

    @Override
    public void close() {
        monitor.stop(Duration.ofSeconds(20));
        sink.close();
        sns.close();
        clients.close();
    }
}
