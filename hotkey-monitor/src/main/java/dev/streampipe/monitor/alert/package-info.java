/**
 * The monitor's alert sinks: CloudWatch + SNS ({@link dev.streampipe.monitor.alert.AwsAlertSink}, metric data from
 * {@link dev.streampipe.monitor.alert.CloudWatchMetrics}, free of I/O so it is unit-tested; the SDK part is one call
 * each) and a file ({@link dev.streampipe.monitor.alert.FileAlertSink}). The evaluation loop, the
 * {@link dev.streampipe.hotkey.alert.AlertSink} interface, alerts, snapshots and their messages are the hot-key
 * module's ({@code dev.streampipe.hotkey.alert}), shared with the client detector.
 */
package dev.streampipe.monitor.alert;
