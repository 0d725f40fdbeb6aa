package dev.streampipe.monitor;

import dev.streampipe.monitor.alert.AlertSink;
import dev.streampipe.monitor.alert.AlertSinks;
import dev.streampipe.monitor.alert.AwsAlertSink;
import dev.streampipe.monitor.alert.FileAlertSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The monitor's command line: {@code java -jar hotkey-monitor.jar [--config monitor.properties]}.
 *
 * <p>Configuration comes from the properties file (argument, else {@code CONFIG_FILE}) overlaid by
 * the environment, which wins; see {@link MonitorSettings} for the keys. Against AWS, clients use the
 * default credential chain in the stream ARN's region; metrics go to CloudWatch and alerts to SNS
 * ({@code ALERT_TOPIC_ARN}), the log and {@code ALERT_FILE}. With {@code DYNAMODB_ENDPOINT} set, that
 * endpoint is an emulator (moto) serving every service: all clients point at it with dummy credentials,
 * alerts go to SNS there, the log and the file, and no CloudWatch metrics are published (neither KCL's nor
 * the monitor's: the emulator does not speak the SDK's CloudWatch protocol).
 * SIGTERM (or Ctrl-C) shuts down gracefully: processors checkpoint, leases are released.
 * Exit status: 143 after SIGTERM (the JVM's, once the shutdown hook is done), 2 for bad configuration,
 * 1 when the scheduler stops on its own.
 */
public final class HotKeyMonitorApp {

    static {
        // The jar's own logging setup, named so that it never shadows an embedding application's logback.xml.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "hotkey-monitor-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HotKeyMonitorApp.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(25);

    private HotKeyMonitorApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings;
        MonitorConfig config;
        try {
            settings = settings(args, System.getenv());
            config = MonitorSettings.parse(settings);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar hotkey-monitor.jar [--config monitor.properties]");
            System.exit(2);
            return;
        }
        List<AutoCloseable> owned = new ArrayList<>();
        MonitorClients clients = clients(config, settings.get(MonitorSettings.DYNAMODB_ENDPOINT));
        owned.add(clients);
        AlertSink sink = sink(config, clients, owned);
        HotKeyMonitor monitor = HotKeyMonitor.start(config, clients, Clock.systemUTC(), sink);
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
            System.exit(1);
        }
    }

    /** Merges the file named by {@code --config} (or {@code CONFIG_FILE}) with the environment. */
    static Map<String, String> settings(String[] args, Map<String, String> environment) {
        String file = environment.get(MonitorSettings.CONFIG_FILE);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[++i];
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        Map<String, String> fromFile = file == null || file.isBlank() ? Map.of() : MonitorSettings.readFile(Path.of(file));
        return MonitorSettings.merge(fromFile, environment);
    }

    private static MonitorClients clients(MonitorConfig config, String endpoint) {
        Region region = Region.of(config.streamRegion());
        return endpoint == null || endpoint.isBlank()
                ? MonitorClients.aws(region)
                : MonitorClients.local(URI.create(endpoint.strip()), region);
    }

    private static AlertSink sink(MonitorConfig config, MonitorClients clients, List<AutoCloseable> owned) {
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
                    config.alertFile().map(file -> ", file " + file).orElse(""));
            if (sns != null) {
                sinks.add(new AwsAlertSink(null, sns, config.metricNamespace(), config.alertTopicArn()));
            }
        } else {
            CloudWatchClient cloudWatch = CloudWatchClient.builder().region(clients.region()).build();
            owned.add(cloudWatch);
            sinks.add(new AwsAlertSink(cloudWatch, sns, config.metricNamespace(), config.alertTopicArn()));
        }
        config.alertFile().ifPresent(file -> sinks.add(new FileAlertSink(file)));
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
