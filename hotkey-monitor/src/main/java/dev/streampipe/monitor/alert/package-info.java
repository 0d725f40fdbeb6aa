/**
 * Alerting: the evaluation loop turning engine transitions into {@link dev.streampipe.monitor.alert.KeyAlert}s
 * and per-table {@link dev.streampipe.monitor.alert.TableSnapshot}s, the {@link dev.streampipe.monitor.alert.AlertSink}
 * interface, and its CloudWatch + SNS, file and log implementations. Message contents live in
 * {@link dev.streampipe.monitor.alert.AlertMessages} and {@link dev.streampipe.monitor.alert.CloudWatchMetrics},
 * free of I/O, so they are unit-tested; the SDK part is one call each.
 */
package dev.streampipe.monitor.alert;
