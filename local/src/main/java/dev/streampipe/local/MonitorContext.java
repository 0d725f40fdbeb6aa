package dev.streampipe.local;

import java.net.URI;
import java.nio.file.Path;

/** What a hot-key watch needs to attach to the local run's stream. */
record MonitorContext(URI dynamoDbEndpoint, String tableName, String streamArn, double thresholdWcuPerSecond,
                      Path alertsFile) {
}
