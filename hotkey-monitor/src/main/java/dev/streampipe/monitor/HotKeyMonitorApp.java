package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.AlertSinks;
import dev.streampipe.monitor.alert.AwsAlertSink;
import dev.streampipe.monitor.alert.FileAlertSink;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The monitor's command line: {@code java -jar hotkey-monitor.jar [--config <file>] [--help]}.
 *
 * <p>Configuration comes from the properties file ({@code --config <file>} or {@code --config=<file>}, else
 * {@code CONFIG_FILE}) overlaid by the environment, which wins; see {@link MonitorSettings} for the keys. Every
 * setting is read and checked, and the alert file opened, before any client is built or thread started. Against
 * AWS, clients use the default credential chain in the stream ARN's region; metrics go to CloudWatch and alerts to
 * SNS ({@code ALERT_TOPIC_ARN}), the log and {@code ALERT_FILE}. With {@code DYNAMODB_ENDPOINT} set, that
 * endpoint is an emulator (moto) serving every service: all clients point at it with dummy credentials,
 * alerts go to SNS there, the log and the file, and no CloudWatch metrics are published (neither KCL's nor
 * the monitor's: the emulator does not speak the SDK's CloudWatch protocol).
 * SIGTERM (or Ctrl-C) shuts down gracefully: processors checkpoint, leases are released.
 *
 * <p>Exit status: 0 after {@code --help}; 2 for a bad argument or configuration (one line on stderr naming each bad
 * setting and its value, nothing started); 1 when the monitor cannot start (the lease table cannot be prepared: an
 * endpoint unreachable, credentials or permissions missing; one line on stderr) or its scheduler stops on its own;
 * 143 after SIGTERM (the JVM's, once the shutdown hook is done).
 */
public final class HotKeyMonitorApp {

    static {
        // The jar's own logging setup, named so that it never shadows an embedding application's logback.xml.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "hotkey-monitor-logback.xml");
        }
    }

    /** Exit status for a bad argument or configuration. */
    static final int EXIT_BAD_CONFIG = 2;
    /** Exit status when the monitor cannot start or its scheduler stops on its own. */
    static final int EXIT_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(HotKeyMonitorApp.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(25);
    private static final int MAX_ERROR_LINE = 400;

    private HotKeyMonitorApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Launch launch;
        try {
            CommandLine line = CommandLine.parse(args);
            if (line.help()) {
                System.out.println(CommandLine.USAGE);
                System.out.println("Settings: a properties file and/or environment variables; see the README.");
                return;
            }
            launch = Launch.prepare(line, System.getenv());
        } catch (InvalidConfigException e) {
            System.err.println("hotkey-monitor: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        MonitorConfig config = launch.config();
        warnOfRulesForOtherTables(config);
        List<AutoCloseable> owned = new ArrayList<>();
        HotKeyMonitor monitor;
        AlertSink sink;
        try {
            MonitorClients clients = clients(config, launch.emulatorEndpoint());
            owned.add(clients);
            sink = sink(config, clients, owned, launch.alertFile());
            monitor = HotKeyMonitor.start(config, clients, Clock.systemUTC(), sink);
        } catch (RuntimeException e) {
            String reason = reason(e);
            LOG.atError().addKeyValue("kind", "start_failed").addKeyValue("error", reason).log("the monitor cannot start");
            System.err.println("hotkey-monitor: cannot start: " + reason);
            launch.alertFile().ifPresent(FileAlertSink::close);
            closeAll(owned);
            System.exit(EXIT_FAILED);
            return;
        }
        Thread hook = new Thread(() -> {
            LOG.atInfo().addKeyValue("kind", "shutdown_requested").log("shutdown requested; stopping gracefully");
            boolean clean = monitor.stop(SHUTDOWN_TIMEOUT);
            LOG.atInfo().addKeyValue("kind", "monitor_stopped").addKeyValue("clean", clean)
                    .addKeyValue("recordsProcessed", monitor.recordsProcessed()).log("monitor stopped");
            sink.close();
            closeAll(owned);
        }, "hotkey-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        monitor.awaitTermination();
        if (!isShuttingDown(hook)) {
            LOG.atError().addKeyValue("kind", "scheduler_stopped").log("the KCL scheduler stopped on its own; exiting");
            System.exit(EXIT_FAILED);
        }
    }

    /** The failure and its root cause, each by its message's first line, on one line of bounded length. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = firstLine(failure) + (root == failure ? "" : " (caused by " + firstLine(root) + ")");
        return Texts.oneLine(Texts.abbreviate(reason, MAX_ERROR_LINE));
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + ": " + message;
    }

    /** A rule for another table than the stream's never applies: likely a copied config, worth a warning. */
    private static void warnOfRulesForOtherTables(MonitorConfig config) {
        config.thresholdOverrides().keySet().stream().flatMap(scope -> scope.tableName().stream())
                .filter(table -> !table.equals(config.tableName())).distinct()
                .forEach(table -> LOG.atWarn().addKeyValue("kind", "threshold_rule_unused").addKeyValue("table", table)
                        .log("{} names table {}, but this monitor reads {}: that rule never applies",
                                MonitorSettings.HOT_KEY_THRESHOLDS, table, config.tableName()));
    }

    private static MonitorClients clients(MonitorConfig config, Optional<URI> endpoint) {
        Region region = Region.of(config.streamRegion());
        return endpoint.map(uri -> MonitorClients.local(uri, region)).orElseGet(() -> MonitorClients.aws(region));
    }

    private static AlertSink sink(MonitorConfig config, MonitorClients clients, List<AutoCloseable> owned,
                                  Optional<FileAlertSink> file) {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(AlertSinks.logging());
        SnsClient sns = null;
        if (config.alertTopicArn().isPresent()) {
            sns = clients.newSnsClient();
            owned.add(sns);
        }
        if (clients.isEmulator()) {
            LOG.atInfo().addKeyValue("kind", "emulator_mode").addKeyValue("endpoint", clients.emulatorEndpoint().get())
                    .log("emulator endpoint: no CloudWatch metrics; alerts to the log{}{}",
                    config.alertTopicArn().map(topic -> ", SNS " + topic).orElse(""),
                    config.alertFile().map(path -> ", file " + path).orElse(""));
            if (sns != null) {
                sinks.add(new AwsAlertSink(null, sns, config.metricNamespace(), config.alertTopicArn()));
            }
        } else {
            CloudWatchClient cloudWatch = CloudWatchClient.builder().region(clients.region()).build();
            owned.add(cloudWatch);
            sinks.add(new AwsAlertSink(cloudWatch, sns, config.metricNamespace(), config.alertTopicArn()));
        }
        file.ifPresent(sinks::add);
        return AlertSinks.fanOut(sinks);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.atWarn().addKeyValue("kind", "close_failed").setCause(e)
                        .log("closing {} failed", resource instanceof SdkClient c ? c.serviceName() : resource);
            }
        }
    }

    private static boolean isShuttingDown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            Runtime.getRuntime().addShutdownHook(hook);
            return false;
        } catch (IllegalStateException e) {
            return true; // hooks cannot change once the JVM is shutting down
        }
    }
}
