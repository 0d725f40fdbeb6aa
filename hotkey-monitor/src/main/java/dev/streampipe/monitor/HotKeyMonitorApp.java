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
 * ({@code ALERT_TOPIC_ARN}) and the log. Against DynamoDB Local (a {@code ddblocal} stream ARN),
 * {@code DYNAMODB_ENDPOINT} is required, and alerts go to the log and {@code ALERT_FILE} only.
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
        AlertSink sink = sink(config, clients.region(), owned);
        HotKeyMonitor monitor = HotKeyMonitor.start(config, clients, Clock.systemUTC(), sink);
        Thread hook = new Thread(() -> {
            LOG.info("shutdown requested; stopping gracefully");
            boolean clean = monitor.stop(SHUTDOWN_TIMEOUT);
            LOG.info("monitor stopped clean={} recordsProcessed={}", clean, monitor.recordsProcessed());
            sink.close();
            closeAll(owned);
        }, "hotkey-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        monitor.awaitTermination();
        if (!isShuttingDown(hook)) {
            LOG.error("the KCL scheduler stopped on its own; exiting");
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
        if (config.isLocalStream()) {
            if (endpoint == null || endpoint.isBlank()) {
                throw new IllegalArgumentException(MonitorSettings.DYNAMODB_ENDPOINT
                        + " is required for a DynamoDB Local stream ARN (" + config.streamArn() + ")");
            }
            return MonitorClients.local(URI.create(endpoint));
        }
        return MonitorClients.aws(Region.of(config.streamRegion()),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
    }

    private static AlertSink sink(MonitorConfig config, Region region, List<AutoCloseable> owned) {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(AlertSinks.logging());
        if (!config.isLocalStream()) {
            CloudWatchClient cloudWatch = CloudWatchClient.builder().region(region).build();
            SnsClient sns = config.alertTopicArn().isPresent() ? SnsClient.builder().region(region).build() : null;
            owned.add(cloudWatch);
            if (sns != null) {
                owned.add(sns);
            }
            sinks.add(new AwsAlertSink(cloudWatch, sns, config.metricNamespace(), config.alertTopicArn()));
        } else if (config.alertTopicArn().isPresent()) {
            LOG.warn("ALERT_TOPIC_ARN ignored for a DynamoDB Local stream; set ALERT_FILE to keep alerts");
        }
        config.alertFile().ifPresent(file -> sinks.add(new FileAlertSink(file)));
        return AlertSinks.fanOut(sinks);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resource instanceof SdkClient c ? c.serviceName() : resource, e);
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
