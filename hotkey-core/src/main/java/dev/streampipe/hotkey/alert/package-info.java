/**
 * Alerting on the engine, shared by the KCL monitor and the client detector: the evaluation loop
 * ({@link dev.streampipe.hotkey.alert.AlertLoop}) turning engine transitions into
 * {@link dev.streampipe.hotkey.alert.KeyAlert}s and per-table {@link dev.streampipe.hotkey.alert.TableSnapshot}s, the
 * {@link dev.streampipe.hotkey.alert.AlertSink} interface with its composite and logging sinks
 * ({@link dev.streampipe.hotkey.alert.AlertSinks}), and the words of an alert
 * ({@link dev.streampipe.hotkey.alert.AlertMessages}). No AWS: the monitor's CloudWatch + SNS and file sinks
 * implement {@code AlertSink} in the monitor.
 */
package dev.streampipe.hotkey.alert;
