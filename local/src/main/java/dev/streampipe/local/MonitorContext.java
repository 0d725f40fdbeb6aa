package dev.streampipe.local;

import java.net.URI;
import java.nio.file.Path;

/**
 * What a hot-key watch needs to attach to the local run's stream: the emulator's endpoint, the table and its
 * stream, the threshold, the alert file, and the SNS topic alerts are published to.
 */
record MonitorContext(URI emulatorEndpoint, String tableName, String streamArn, double thresholdWcuPerSecond,
                      Path alertsFile, String alertTopicArn) {
}
