/**
 * The hot-key monitor: a KCL 3 application on a table's DynamoDB stream (through the DynamoDB Streams
 * Kinesis adapter) that counts every write's WCU per partition key and shard in the pure
 * {@link dev.streampipe.hotkey.HotKeyEngine}, and publishes per-table CloudWatch metrics and an
 * SNS message on every HOT / RECOVERED transition.
 *
 * <p>{@link dev.streampipe.monitor.HotKeyMonitor} is the embeddable wiring (used by the jar's
 * {@link dev.streampipe.monitor.HotKeyMonitorApp}, the local runner and the integration tests);
 * {@link dev.streampipe.monitor.MonitorSettings} reads the configuration. The same code runs on an
 * emulator (moto): {@link dev.streampipe.monitor.MonitorClients#local} clients name its endpoint, and on
 * them no CloudWatch metrics are published (moto does not serve the SDK's CloudWatch protocol).
 */
package dev.streampipe.monitor;
