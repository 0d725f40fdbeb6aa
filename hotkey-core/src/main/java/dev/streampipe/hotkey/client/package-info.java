/**
 * The hot-key engine on the application's side: {@link dev.streampipe.monitor.client.ClientHotKeyDetector} (the
 * reference detector's API: record reads and writes, counts and rates, per-table and per-model thresholds, clear,
 * warning line, EMF, alert sinks, throughput advice) and its SDK v2
 * {@link dev.streampipe.monitor.client.HotKeyInterceptor}, added to a {@code DynamoDbClient} in one line:
 * {@code detector.instrument(DynamoDbClient.builder()).build()}.
 */
package dev.streampipe.monitor.client;
